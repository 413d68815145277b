from django.urls import path

from . import grant_views, registry_views, staff_views, views

app_name = "community"

urlpatterns = [
    path("", registry_views.home, name="home"),
    path("projects/", views.project_list, name="list"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/give/", views.project_give, name="give"),
    path("ngos/", registry_views.organization_list, name="organizations"),
    path("ngos/new/", registry_views.organization_new, name="organization_new"),
    path("ngos/<int:pk>/", registry_views.organization_detail, name="organization"),
    path("ngos/<int:pk>/news/", registry_views.organization_news, name="organization_news"),
    path("ngos/<int:pk>/join/", registry_views.organization_join, name="organization_join"),
    path("activists/", registry_views.activist_list, name="activists"),
    path("activists/me/", registry_views.activist_me, name="activist_me"),
    path("activists/me/close/", registry_views.activist_withdraw, name="activist_withdraw"),
    path("activists/<int:pk>/", registry_views.activist_detail, name="activist"),
    path("suspicious/", staff_views.suspicious, name="suspicious"),
    path("suspicious/<int:user_id>/freeze/", staff_views.freeze, name="freeze"),
    path("grants/<int:pk>/", grant_views.contest, name="grants"),
    path("grants/<int:pk>/apply/", grant_views.apply, name="grant_apply"),
    path("<str:kind>/<int:pk>/verify/", registry_views.entry_verify, name="verify"),
]
