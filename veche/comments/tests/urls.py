"""A page and an API for the tests: comments have no content of their own, so the tests show the
thread of a report (registered as a commentable kind by the fixtures) on a bare page, and mount
`comment_endpoints` on a router of their own."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import RequestContext, Template
from django.urls import include, path
from ninja import NinjaAPI, Router

from veche.api.api import Utf8JSONRenderer
from veche.api.errors import install_error_handlers
from veche.api.language import in_request_language
from veche.comments.api import comment_endpoints
from veche.reports.models import Report

PAGE = Template(
    '{% extends "base.html" %}{% load comments %}{% block title %}Тест{% endblock %}'
    "{% block content %}<h1>Сообщение № {{ report.pk }}</h1><p>{{ report.text }}</p>"
    '{% comment_thread report "reports.report" %}{% endblock %}'
)


def page(request, pk: int) -> HttpResponse:
    report = get_object_or_404(Report, pk=pk)
    return HttpResponse(PAGE.render(RequestContext(request, {"report": report})))


items = Router()
comment_endpoints(items, kind="reports.report")
api = NinjaAPI(urls_namespace="comments-test-api", docs_url=None, renderer=Utf8JSONRenderer())
install_error_handlers(api)
api.add_decorator(in_request_language, mode="view")
api.add_router("/items", items)

urlpatterns = [
    path("test-item/<int:pk>/", page),
    path("test-api/", api.urls),
    path("", include("veche.urls")),
]
handler403 = "veche.core.views.permission_denied"
handler404 = "veche.core.views.page_not_found"
