"""Files attached to a draft: cleaned by veche.media, downloads only, organizers only."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from veche.discussions import services
from veche.discussions.models import DraftFile
from veche.media.tests.files import pdf, pdf_with_open_action_javascript

from .factories import draft_with


def test_the_organizer_attaches_a_pdf_residents_download_it(world, client):
    draft = draft_with(municipality=world.surgut)
    client.force_login(world.mayor_office)
    response = client.post(
        reverse("discussions:attach", args=[draft.pk]),
        {"file": SimpleUploadedFile("Схема.pdf", pdf(), "application/pdf")},
    )
    assert response.status_code == 302
    found = DraftFile.objects.get()
    client.logout()
    assert "Схема.pdf" in client.get(draft.get_absolute_url()).content.decode()
    download = client.get(reverse("discussions:file", args=[draft.pk, found.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_active_pdfs_and_strangers_are_refused(world):
    draft = draft_with(municipality=world.surgut)
    with pytest.raises(ValidationError):
        services.draft_attach(
            user=world.mayor_office,
            draft=draft,
            files=[
                SimpleUploadedFile("x.pdf", pdf_with_open_action_javascript(), "application/pdf")
            ],
        )
    with pytest.raises(PermissionDenied):
        services.draft_attach(
            user=world.urai_mayor_office,
            draft=draft,
            files=[SimpleUploadedFile("x.pdf", pdf(), "application/pdf")],
        )
    assert not DraftFile.objects.exists()
