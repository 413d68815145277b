from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("on/<str:kind>/<int:target_id>/", views.post, name="post"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/like/", views.like, name="like"),
    path("<int:pk>/unlike/", views.unlike, name="unlike"),
    path("<int:pk>/complain/", views.complain, name="complain"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/remove/", views.remove, name="remove"),
    path("<int:pk>/restore/", views.restore, name="restore"),
]
