from django.urls import re_path

from . import views

FMT = r"\.(?P<fmt>xml|json)$"
CODE = r"(?P<code>[-a-zA-Z0-9_]+)"

app_name = "open311"
urlpatterns = [
    re_path(rf"^discovery{FMT}", views.discovery, name="discovery"),
    re_path(rf"^services{FMT}", views.services, name="services"),
    re_path(rf"^services/{CODE}{FMT}", views.service_definition, name="service"),
    re_path(rf"^service/{CODE}{FMT}", views.service_definition),  # alias some clients use
    re_path(rf"^requests{FMT}", views.service_requests, name="requests"),
    re_path(rf"^requests/(?P<request_id>[0-9]+){FMT}", views.single_request, name="request"),
    re_path(rf"^tokens/(?P<token>[-a-zA-Z0-9_]+){FMT}", views.token, name="token"),
    re_path(rf"^servicerequestupdates{FMT}", views.updates, name="updates"),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
