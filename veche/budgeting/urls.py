from django.urls import path

from . import views

app_name = "budgeting"

urlpatterns = [
    path("", views.contest_list, name="list"),
    path("new/", views.contest_new, name="new"),
    path("<int:pk>/", views.contest_detail, name="contest"),
    path("<int:pk>/edit/", views.contest_edit, name="edit"),
    path("<int:pk>/stages/", views.contest_stages, name="stages"),
    path("<int:pk>/documents/", views.contest_documents, name="documents"),
    path("<int:pk>/publish/", views.contest_publish, name="publish"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("documents/<int:pk>/remove/", views.document_remove, name="document_remove"),
]
