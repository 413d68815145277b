from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<str:kind>/<int:item_id>/approve/", views.approve, name="approve"),
    path("<str:kind>/<int:item_id>/reject/", views.reject, name="reject"),
]
