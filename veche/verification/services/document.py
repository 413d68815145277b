"""Document check decided by a moderator, and revocation of any approved verification."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.media.documents import process_document

from ..models import DOCUMENT_EXTENSIONS, Verification
from ._common import check_can_start, lock_user, mark_verified


def document_verification_submit(
    *, user, file: UploadedFile | None, note: str = ""
) -> Verification:
    """Store a scan of an identity document for a moderator to check."""
    check_can_start(user)
    if file is None or not file.size:
        raise ValidationError(
            _("Choose a file with a scan or photo of the document."), code="empty"
        )
    document = process_document(file)  # images re-encoded (no GPS), active PDFs refused
    # The resident's file name is dropped: the stored name is random (see document_upload_to).
    document.file.name = f"document{DOCUMENT_EXTENSIONS[document.content_type]}"
    verification = Verification(
        method=Verification.Method.DOCUMENT,
        document=document.file,
        document_type=document.content_type,
        note=(note or "").strip(),
    )
    try:
        with transaction.atomic():
            locked = lock_user(user.pk)
            check_can_start(locked)
            if Verification.objects.filter(
                user=locked,
                method=Verification.Method.DOCUMENT,
                status=Verification.Status.PENDING,
            ).exists():
                raise ValidationError(
                    _("Your document is already waiting for a moderator's decision."),
                    code="already_pending",
                )
            verification.user = locked
            verification.full_clean()
            verification.save()
    except Exception:
        _discard_stored_file(verification)
        raise
    return verification


def _discard_stored_file(verification: Verification) -> None:
    # The file is written before the row; when the row is not written, the file must go too.
    if verification.document and getattr(verification.document, "_committed", False):
        verification.document.storage.delete(verification.document.name)


def _authorize_decision(moderator, verification: Verification, permission: str) -> None:
    if verification.user_id == moderator.pk or not moderator.has_perm(permission, verification):
        raise PermissionDenied(_("You may not decide on this resident's verification."))


def _required_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Give the reason: the resident will see it."), code="reason_required"
        )
    return reason


def document_verification_decide(
    *, moderator, verification: Verification, approve: bool, reason: str = ""
) -> Verification:
    """A moderator approves or rejects a document check; a rejection needs a reason."""
    _authorize_decision(moderator, verification, "verification.decide_verification")
    reason = (reason or "").strip() if approve else _required_reason(reason)
    with transaction.atomic():
        locked = Verification.objects.select_for_update().get(pk=verification.pk)
        if locked.method != Verification.Method.DOCUMENT:
            raise ValidationError(
                _("Only document checks are decided by a moderator."), code="not_document"
            )
        if locked.status != Verification.Status.PENDING:
            raise ValidationError(_("This request has already been decided."), code="decided")
        resident = lock_user(locked.user_id)
        _decide_apply(
            verification=locked,
            resident=resident,
            moderator=moderator,
            approve=approve,
            reason=reason,
        )
    return locked


def _decide_apply(*, verification, resident, moderator, approve: bool, reason: str) -> None:
    """Record the decision and verify the resident; expects both rows locked."""
    now = timezone.now()
    verification.status = Verification.Status.APPROVED if approve else Verification.Status.REJECTED
    verification.decided_by = moderator
    verification.decided_at = now
    verification.reason = reason
    verification.full_clean()
    verification.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    if approve:
        mark_verified(resident, method=Verification.Method.DOCUMENT, when=now)


# --- revocation -------------------------------------------------------------------------------


def verification_revoke(*, moderator, verification: Verification, reason: str) -> Verification:
    """Withdraw an approved verification (e.g. a forged document found later)."""
    _authorize_decision(moderator, verification, "verification.revoke_verification")
    reason = _required_reason(reason)
    with transaction.atomic():
        locked = Verification.objects.select_for_update().get(pk=verification.pk)
        if locked.status != Verification.Status.APPROVED:
            raise ValidationError(
                _("Only an approved verification can be revoked."), code="not_approved"
            )
        resident = lock_user(locked.user_id)
        _revoke_apply(verification=locked, resident=resident, moderator=moderator, reason=reason)
    return locked


def _revoke_apply(*, verification, resident, moderator, reason: str) -> None:
    """Revoke and recompute the resident's status from what remains; expects both rows locked."""
    verification.status = Verification.Status.REVOKED
    verification.revoked_by = moderator
    verification.revoked_at = timezone.now()
    verification.reason = reason
    verification.full_clean()
    verification.save(update_fields=["status", "revoked_by", "revoked_at", "reason"])
    remaining = (
        resident.verifications.filter(status=Verification.Status.APPROVED)
        .order_by("decided_at", "id")
        .first()
    )
    resident.verified_at = remaining.decided_at if remaining else None
    resident.verification_method = remaining.method if remaining else ""
    resident.full_clean()
    resident.save(update_fields=["verified_at", "verification_method"])
