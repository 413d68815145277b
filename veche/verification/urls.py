from django.urls import path

from . import claim_views, oidc_views, views

app_name = "verification"
urlpatterns = [
    path("", views.start, name="start"),
    path("phone/", views.phone_start, name="phone_start"),
    path("phone/confirm/", views.phone_confirm, name="phone_confirm"),
    path("document/", views.document_upload, name="document_upload"),
    path("claim/", claim_views.claim_start, name="claim_start"),
    path("claim/code/", claim_views.claim_confirm, name="claim_confirm"),
    path("oidc/start/", oidc_views.oidc_start, name="oidc_start"),
    path("oidc/callback/", oidc_views.oidc_callback, name="oidc_callback"),
    path("queue/", views.queue, name="queue"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
    path("<int:pk>/document/", views.document, name="document"),
]
