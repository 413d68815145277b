"""The officials' workspace for reports, mounted at /workspace/reports/ (veche/urls.py)."""

from django.urls import path

from .workspace import actions, operator, views

app_name = "reports_workspace"
urlpatterns = [
    path("", views.index, name="index"),
    path("moderation/", views.queue, name="queue"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/take/", views.take_bulk, name="take_bulk"),
    path("territory/", views.territory, name="territory"),
    path("new/", operator.new_report, name="new"),
    path("<int:pk>/", views.report, name="report"),
    path("<int:pk>/publish/", actions.publish, name="publish"),
    path("<int:pk>/reject/", actions.reject, name="reject"),
    path("<int:pk>/redact/", actions.redact, name="redact"),
    path("<int:pk>/duplicate/", actions.duplicate, name="duplicate"),
    path("<int:pk>/reroute/", actions.reroute, name="reroute"),
    path("<int:pk>/take/", actions.take, name="take"),
    path("<int:pk>/answer/", actions.answer, name="answer"),
    path("<int:pk>/extend/", actions.extend, name="extend"),
    path("<int:pk>/decline/", actions.decline, name="decline"),
    path("<int:pk>/reassign/", actions.reassign, name="reassign"),
    path("<int:pk>/note/", actions.note, name="note"),
]
