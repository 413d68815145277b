from django.urls import path

from . import views

app_name = "voting"
urlpatterns = [
    path("points/", views.point_list, name="points"),
    path("points/new/", views.point_create, name="point_create"),
    path("points/<int:pk>/", views.point_edit, name="point_edit"),
    path("points/<int:pk>/members/", views.point_members, name="members"),
    path(
        "points/<int:pk>/members/<int:user_pk>/revoke/",
        views.member_revoke,
        name="member_revoke",
    ),
]
