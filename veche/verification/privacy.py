"""This app's part in a resident's data export and account deletion (see accounts/privacy.py)."""

from django.db import transaction

from veche.accounts.privacy import json_value

from .models import Verification
from .storage import document_storage

EXPORTED_FIELDS = [
    "method",
    "status",
    "created_at",
    "decided_at",
    "revoked_at",
    "reason",
    "phone",
    "note",
    "document_type",
    "oidc_issuer",
    "oidc_subject",
]


def export_section(user) -> list[dict]:
    """The resident's verifications. Who decided is left out: that is another person's data;
    the document itself is not embedded (the resident has it) — only whether one was kept."""
    return [
        {
            **{name: json_value(getattr(row, name)) for name in EXPORTED_FIELDS},
            "document_kept": bool(row.document),
        }
        for row in Verification.objects.filter(user=user)
    ]


def deletion_hook(user) -> None:
    """Erase the evidence: rows now (codes go with them), files once the deletion commits, so
    that a rolled-back deletion does not leave rows pointing at missing files."""
    rows = Verification.objects.filter(user=user)
    names = [name for name in rows.values_list("document", flat=True) if name]
    rows.delete()
    storage = document_storage()
    transaction.on_commit(lambda: [storage.delete(name) for name in names], robust=True)
