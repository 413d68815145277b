from django.urls import path

from . import views, views_template

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

urlpatterns += [
    path("<int:pk>/template/", views_template.template_page, name="template"),
    path("<int:pk>/template/copy/", views_template.template_copy, name="template_copy"),
    path("<int:pk>/template/publish/", views_template.template_publish, name="template_publish"),
    path("<int:pk>/template/fields/<slug:key>/", views_template.field_edit, name="field"),
    path("<int:pk>/template/fields/<slug:key>/move/", views_template.field_move, name="field_move"),
    path(
        "<int:pk>/template/fields/<slug:key>/remove/",
        views_template.field_remove,
        name="field_remove",
    ),
    path("<int:pk>/criteria/", views_template.criteria_page, name="criteria"),
    path("criteria/<int:pk>/", views_template.criterion_edit, name="criterion"),
    path("criteria/<int:pk>/remove/", views_template.criterion_remove, name="criterion_remove"),
]
