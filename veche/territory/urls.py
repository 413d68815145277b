"""Territory's public URLs, mounted at /territory/ (veche/urls.py)."""

from django.urls import path

from . import views

app_name = "territory"
urlpatterns = [
    path("boundaries.geojson", views.boundaries, name="boundaries"),
]
