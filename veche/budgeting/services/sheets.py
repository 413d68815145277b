"""The signed evaluation sheet (issue 13, point 2): generated as a PDF once every input is final,
voided by the chair with a written reason until everyone has signed, signed by each expert with
a detached CMS signature (verified: signatures.py) or refused; complete once every expert has
acted, which makes the applications `evaluated`. A signed sheet never changes.

An expert registers his signing certificate (its SHA-256 fingerprint) in his profile first.
"""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veche.core.formats import local_datetime
from veche.core.text import clean_text
from veche.events.services import record_event
from veche.staff.services import audit_log

from .. import stages
from ..models import (
    Application,
    CommissionMember,
    Contest,
    EvaluationSheet,
    ExpertCertificate,
    SheetSignature,
)
from ..scoring import current_sheet, score_table
from ..sheet_pdf import sheet_pdf, snapshot
from ..signatures import SignatureRefused, parse_certificate, verify_detached
from ..signatures import certificate_fingerprint as fingerprint_of
from ._steps import step


def _event(kind: str, sheet: EvaluationSheet, user, **payload) -> None:
    record_event(
        kind=f"budgeting.sheet_{kind}",
        subject=sheet.contest,
        actor=user,
        territory=sheet.contest.municipality_id,
        payload={"sheet": sheet.number, **payload},
    )


def _inputs_final(contest: Contest) -> list[str]:
    """What keeps the sheet from being generated, in words ([] when every input is final)."""
    table = score_table(contest)
    problems = []
    if not table.rows:
        problems.append(_("There are no admitted applications to evaluate."))
    if not any(m.signs for m in table.members):
        problems.append(_("The commission has no experts."))
    if table.missing:
        problems.append(
            _("%(n)s assigned applications are not scored on every criterion yet.")
            % {"n": len(table.missing)}
        )
    voting = contest.stage_of_kind(stages.PUBLIC_VOTING)
    if any(c.source == "vote" for c in table.criteria) and voting:
        if timezone.now() < voting.ends_at:
            problems.append(
                _("Votes are a criterion: the sheet waits until the public vote ends on %(end)s.")
                % {"end": local_datetime(voting.ends_at)}
            )
    return problems


def sheet_generate(*, user, contest: Contest) -> EvaluationSheet:
    """Generate the commission's sheet: every application, every expert's scores, weighted
    totals, the ranking, as a PDF with its SHA-256."""
    with transaction.atomic():
        contest = Contest.objects.select_for_update().get(pk=contest.pk)
        if not user.has_perm("budgeting.generate_sheet", contest):
            raise PermissionDenied(_("Only the commission's chair generates the sheet."))
        if current_sheet(contest) is not None:
            raise ValidationError(
                _("The contest has a sheet already: the chair voids it before a new one.")
            )
        problems = _inputs_final(contest)
        if problems:
            raise ValidationError(problems)
        number = (
            contest.sheets.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        data = snapshot(score_table(contest), number=number)
        content = sheet_pdf(data)
        sheet = EvaluationSheet.objects.create(
            contest=contest,
            number=number,
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            snapshot=data,
            generated_by=user,
            generated_at=timezone.now(),
        )
        audit_log(
            actor=user,
            action="budgeting.sheet_generate",
            target=contest,
            details={"sheet": number, "sha256": sheet.sha256},
        )
        _event("generated", sheet, user, sha256=sheet.sha256)
    return sheet


def _lock_sheet(sheet: EvaluationSheet) -> tuple[Contest, EvaluationSheet]:
    contest = Contest.objects.select_for_update().get(pk=sheet.contest_id)
    locked = EvaluationSheet.objects.select_for_update().get(pk=sheet.pk)
    locked.contest = contest
    return contest, locked


def sheet_void(*, user, sheet: EvaluationSheet, reason: str) -> EvaluationSheet:
    """The chair voids a sheet not yet signed by everyone, with a written reason (audited), so
    scores can be corrected and a new sheet generated."""
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Write why the sheet is voided.")]})
    with transaction.atomic():
        contest, sheet = _lock_sheet(sheet)
        if not user.has_perm("budgeting.void_sheet", contest):
            raise PermissionDenied(_("Only the commission's chair voids the sheet."))
        if sheet.status != EvaluationSheet.Status.SIGNING:
            raise ValidationError(
                _("This sheet is signed by every expert (or void already): it stays as it is.")
            )
        sheet.status = EvaluationSheet.Status.VOID
        sheet.void_reason = reason[:2000]
        sheet.voided_by = user
        sheet.voided_at = timezone.now()
        sheet.save(update_fields=["status", "void_reason", "voided_by", "voided_at"])
        audit_log(
            actor=user,
            action="budgeting.sheet_void",
            target=contest,
            details={"sheet": sheet.number, "reason": sheet.void_reason},
        )
        _event("voided", sheet, user)
    return sheet


def _signing_member(user, contest: Contest, sheet: EvaluationSheet) -> CommissionMember:
    if not user.has_perm("budgeting.sign_sheet", contest):
        raise PermissionDenied(_("Only the commission's experts sign its sheet."))
    if sheet.status != EvaluationSheet.Status.SIGNING:
        raise ValidationError(_("This sheet takes no more signatures (it is complete or void)."))
    member = CommissionMember.objects.get(contest=contest, user=user)
    if sheet.signatures.filter(member=member).exists():
        raise ValidationError(_("You have already signed this sheet (or refused to)."))
    return member


def _complete_if_done(contest: Contest, sheet: EvaluationSheet, user) -> None:
    """When every expert has signed or refused (and one signed at least), the sheet is signed
    and its applications are evaluated."""
    signers = contest.commission.exclude(role="jury").count()
    acted = sheet.signatures.count()
    if acted < signers or not sheet.signatures.filter(refused=False).exists():
        return
    sheet.status = EvaluationSheet.Status.SIGNED
    sheet.signed_at = timezone.now()
    sheet.save(update_fields=["status", "signed_at"])
    _event("signed", sheet, user)
    ids = [row["application"] for row in sheet.snapshot.get("rows", [])]
    for application in Application.objects.select_for_update().filter(pk__in=ids):
        application.status = Application.Status.EVALUATED
        application.save(update_fields=["status", "updated_at"])
        rank = next(r["rank"] for r in sheet.snapshot["rows"] if r["application"] == application.pk)
        total = next(
            r["total"] for r in sheet.snapshot["rows"] if r["application"] == application.pk
        )
        step(
            application,
            "evaluated",
            actor=user,
            message=gettext_noop(
                "Evaluated by the expert commission: %(total)s points, rank %(rank)s."
            ),
            params={"total": total, "rank": rank},
        )


def sheet_sign(*, user, sheet: EvaluationSheet, signature: bytes) -> SheetSignature:
    """Record the expert's detached CMS signature of the sheet's bytes, once it verifies
    (signatures.verify_detached) with a certificate registered in his profile."""
    moment = timezone.now()
    # Verified before the transaction (no lock held while pyHanko works); the sheet's bytes
    # never change, so what is verified is what is signed.
    try:
        verified = verify_detached(bytes(sheet.content), signature, moment=moment)
    except SignatureRefused as refusal:
        raise ValidationError({"signature": [refusal.message]}, code=refusal.code) from refusal
    registered = ExpertCertificate.objects.filter(sha256=verified.certificate_sha256).first()
    if registered is None:
        raise ValidationError(
            {
                "signature": [
                    _(
                        "The certificate (SHA-256 %(fp)s) is not registered in your profile: "
                        "register it on the page «My signing certificates» first."
                    )
                    % {"fp": verified.certificate_sha256}
                ]
            },
            code="unregistered",
        )
    if registered.user_id != user.pk:
        raise ValidationError(
            {"signature": [_("This certificate belongs to another expert: sign with your own.")]},
            code="another-expert",
        )
    with transaction.atomic():
        contest, sheet = _lock_sheet(sheet)
        member = _signing_member(user, contest, sheet)
        signed = SheetSignature.objects.create(
            sheet=sheet,
            member=member,
            signature=verified.der,
            certificate_sha256=verified.certificate_sha256,
            signer=verified.subject,
            signing_time=verified.signing_time,
        )
        _event("signature", sheet, user, certificate=verified.certificate_sha256)
        _complete_if_done(contest, sheet, user)
    return signed


def sheet_refuse(*, user, sheet: EvaluationSheet, reason: str) -> SheetSignature:
    """An expert refuses to sign: recorded with his reason, shown beside the signatures."""
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Write why you refuse to sign.")]})
    with transaction.atomic():
        contest, sheet = _lock_sheet(sheet)
        member = _signing_member(user, contest, sheet)
        refusal = SheetSignature.objects.create(
            sheet=sheet, member=member, refused=True, refusal_reason=reason[:2000]
        )
        _event("refusal", sheet, user)
        _complete_if_done(contest, sheet, user)
    return refusal


def certificate_register(*, user, data: bytes) -> ExpertCertificate:
    """Register a signing certificate (PEM or DER) in the user's profile: its fingerprint, subject,
    issuer and end of validity. One certificate belongs to one person."""
    try:
        certificate = parse_certificate(data)
    except SignatureRefused as refusal:
        raise ValidationError({"certificate": [refusal.message]}) from refusal
    not_after = certificate["tbs_certificate"]["validity"]["not_after"].native
    if not_after <= timezone.now():
        raise ValidationError(
            {
                "certificate": [
                    _("The certificate expired on %(date)s.") % {"date": local_datetime(not_after)}
                ]
            }
        )
    sha = fingerprint_of(certificate)
    with transaction.atomic():
        existing = ExpertCertificate.objects.select_for_update().filter(sha256=sha).first()
        if existing is not None:
            if existing.user_id == user.pk:
                raise ValidationError(
                    {"certificate": [_("This certificate is registered already.")]}
                )
            raise ValidationError(
                {"certificate": [_("This certificate is registered by another person.")]}
            )
        registered = ExpertCertificate.objects.create(
            user=user,
            sha256=sha,
            subject=certificate.subject.human_friendly[:500],
            issuer=certificate.issuer.human_friendly[:500],
            not_after=not_after,
        )
        record_event(
            kind="budgeting.certificate_registered", subject=registered, actor=user, payload={}
        )
    return registered


def certificate_remove(*, user, certificate: ExpertCertificate) -> None:
    if certificate.user_id != user.pk:
        raise PermissionDenied(_("This is not your certificate."))
    with transaction.atomic():
        subject = ("budgeting.expertcertificate", certificate.pk)
        certificate.delete()
        record_event(kind="budgeting.certificate_removed", subject=subject, actor=user, payload={})
