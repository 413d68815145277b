from django.urls import path

from . import views

app_name = "staff"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("municipalities/<slug:slug>/", views.municipality_detail, name="municipality"),
    path("municipalities/<slug:slug>/staff/", views.municipality_staff, name="municipality_staff"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency"),
    path("roles/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
]
