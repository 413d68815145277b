"""The back office shows verifications read-only and links to the protected document view."""

import pytest
from django.urls import reverse

from veche.accounts.tests.factories import StaffUserFactory

from .factories import DocumentVerificationFactory

pytestmark = pytest.mark.django_db


def test_admin_lists_and_shows_a_verification_read_only(client):
    verification = DocumentVerificationFactory()
    client.force_login(StaffUserFactory(is_superuser=True))
    listing = client.get(reverse("admin:verification_verification_changelist"))
    assert listing.status_code == 200
    page = client.get(reverse("admin:verification_verification_change", args=[verification.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("verification:document", args=[verification.pk]) in html
    assert verification.document.name not in html
    assert client.get(reverse("admin:verification_verification_add")).status_code == 403
