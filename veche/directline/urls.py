from django.urls import path

from . import views

app_name = "directline"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_edit, name="create"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/work/", views.campaign_work, name="work"),
    path("<int:pk>/edit/", views.campaign_edit, name="edit"),
    path("<int:pk>/enter/", views.question_enter, name="enter"),
    path("<int:pk>/close/", views.campaign_close, name="close"),
    path("questions/<int:pk>/support/", views.question_support, name="support"),
    path("questions/<int:pk>/publish/", views.question_publish, name="publish"),
    path("questions/<int:pk>/reject/", views.question_reject, name="reject"),
    path("questions/<int:pk>/answer/", views.question_answer, name="answer"),
]
