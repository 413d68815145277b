from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("projects/", views.project_list, name="list"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/give/", views.project_give, name="give"),
]
