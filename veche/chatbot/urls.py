from django.urls import path

from . import views, views_messengers

app_name = "chatbot"

urlpatterns = [
    path("", views.chat, name="page"),
    path("telegram/<str:secret>/", views_messengers.telegram_webhook, name="telegram"),
    path("vk/", views_messengers.vk_webhook, name="vk"),
    path("link/", views_messengers.link_code, name="link_code"),
    path("link/<int:pk>/unlink/", views_messengers.unlink, name="unlink"),
]
