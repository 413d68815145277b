from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.toggle_low_vision, name="low_vision"),
    path("styleguide/", views.styleguide, name="styleguide"),
]
