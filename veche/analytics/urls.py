from django.urls import path

from . import views

app_name = "analytics"

urlpatterns = [
    path("", views.public_dashboard, name="public"),
    path("ratings/", views.ratings, name="ratings"),
    path("mine/", views.my_dashboards, name="mine"),
    path("region/", views.region_dashboard, name="region"),
    path("municipality/<int:pk>/", views.municipality_dashboard, name="municipality"),
    path("agency/<int:pk>/", views.agency_dashboard, name="agency"),
]
