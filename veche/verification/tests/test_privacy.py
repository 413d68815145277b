"""Verifications in the resident's data export and account deletion."""

import pytest

from veche.accounts.services import account_delete, personal_data_export
from veche.accounts.tests.factories import DEMO_PASSWORD, UserFactory
from veche.verification.models import PhoneCode, Verification
from veche.verification.services import document_verification_decide, phone_verification_start

from .factories import DocumentVerificationFactory, moderator

pytestmark = pytest.mark.django_db


def test_export_lists_the_evidence_but_not_the_moderator():
    resident = UserFactory()
    verification = DocumentVerificationFactory(user=resident, note="разворот с фото")
    decider = moderator()
    document_verification_decide(
        moderator=decider, verification=verification, approve=False, reason="Нечитаемо"
    )
    section = personal_data_export(user=resident)["verification"]
    assert section == [
        {
            "method": "document",
            "status": "rejected",
            "created_at": verification.created_at.isoformat(),
            "decided_at": Verification.objects.get().decided_at.isoformat(),
            "revoked_at": None,
            "reason": "Нечитаемо",
            "phone": "",
            "note": "разворот с фото",
            "document_type": "image/png",
            "oidc_issuer": "",
            "oidc_subject": "",
            "document_kept": True,
        }
    ]
    assert decider.email not in str(section)


def test_deleting_the_account_erases_evidence_and_files(django_capture_on_commit_callbacks):
    resident = UserFactory()
    verification = DocumentVerificationFactory(user=resident)
    storage = verification.document.storage
    name = verification.document.name
    with django_capture_on_commit_callbacks(execute=True):
        phone_verification_start(user=resident)
    assert storage.exists(name)
    with django_capture_on_commit_callbacks() as after_commit:
        account_delete(user=resident, password=DEMO_PASSWORD)
    assert not Verification.objects.filter(user=resident).exists()
    assert not PhoneCode.objects.filter(user=resident).exists()
    # The file goes only once the deletion is committed: a rollback would keep row and file.
    assert storage.exists(name)
    for callback in after_commit:
        callback()
    assert not storage.exists(name)
