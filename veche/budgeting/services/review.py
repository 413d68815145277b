"""The technical review: request a revision (remarks by field, a deadline in working days),
extend it, admit (every point of the contest's checklist ticked), reject with a listed reason;
and the organizer's naming of reviewers. Each step: its named rule, one transaction, a
timeline entry, one event, a staff audit row, the notices task (services/_steps.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veche.core.text import clean_text
from veche.events.services import record_event
from veche.staff.services import audit_log
from veche.workdays.calendar import add_working_days

from ..models import Application, Contest, ContestReviewer, RejectionReason, RevisionRemark
from ._steps import lock, step

MAX_REVISION_DAYS = 30
DEFAULT_REVISION_DAYS = 5


# --- Technical review --------------------------------------------------------------------------


def _reviewing(user, application: Application) -> tuple[Contest, Application]:
    contest, application = lock(application)
    if not user.has_perm("budgeting.review_application", application):
        raise PermissionDenied(
            _("Only the contest's technical reviewers decide on submitted applications.")
        )
    return contest, application


def application_request_revision(
    *, user, application: Application, remarks: dict[str, str], days: int = DEFAULT_REVISION_DAYS
) -> Application:
    """Return the application for revision with remarks by field key ('' for the whole), due
    in `days` working days."""
    remarks = {k: clean_text(v or "").strip() for k, v in remarks.items() if (v or "").strip()}
    if not remarks:
        raise ValidationError({"remarks": [_("Write at least one remark: what to correct.")]})
    if not 1 <= days <= MAX_REVISION_DAYS:
        raise ValidationError(
            {"days": [_("Between 1 and %(max)d working days.") % {"max": MAX_REVISION_DAYS}]}
        )
    with transaction.atomic():
        contest, application = _reviewing(user, application)
        keys = set(application.version.fields.values_list("key", flat=True)) | {""}
        revision = application.revisions.order_by("-number").first()
        for key, text in remarks.items():
            if key not in keys:
                raise ValidationError({"remarks": [_("The template has no such field.")]})
            RevisionRemark.objects.create(revision=revision, key=key, text=text, reviewer=user)
        application.status = Application.Status.REVISION
        application.revision_due = add_working_days(timezone.now(), days)
        application.save(update_fields=["status", "revision_due", "updated_at"])
        step(
            application,
            "revision",
            actor=user,
            message=gettext_noop("Returned for revision, due in %(days)s working days."),
            params={"days": days},
            audit=True,
        )
    return application


def application_extend(*, user, application: Application, days: int) -> Application:
    """Give the applicant more working days on a revision (usually once the deadline passed)."""
    if not 1 <= days <= MAX_REVISION_DAYS:
        raise ValidationError(
            {"days": [_("Between 1 and %(max)d working days.") % {"max": MAX_REVISION_DAYS}]}
        )
    with transaction.atomic():
        contest, application = lock(application)
        if not user.has_perm("budgeting.extend_revision", application):
            raise PermissionDenied(_("Only the contest's technical reviewers extend a revision."))
        application.revision_due = add_working_days(timezone.now(), days)
        application.save(update_fields=["revision_due", "updated_at"])
        step(
            application,
            "extended",
            actor=user,
            message=gettext_noop("The revision is extended by %(days)s working days."),
            params={"days": days},
            audit=True,
        )
    return application


def application_admit(
    *, user, application: Application, checked: set[int] | frozenset = frozenset()
) -> Application:
    """Admit the application once the reviewer has ticked every point of the contest's
    completeness checklist (`checked`: the item ids)."""
    with transaction.atomic():
        contest, application = _reviewing(user, application)
        missing = [
            item.text for item in contest.checklist.order_by("position") if item.pk not in checked
        ]
        if missing:
            raise ValidationError(
                {
                    "checked": [
                        _("Check every point of the contest's checklist first: %(items)s.")
                        % {"items": "; ".join(missing)}
                    ]
                }
            )
        application.status = Application.Status.ADMITTED
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decided_at", "updated_at"])
        step(
            application,
            "admitted",
            actor=user,
            message=gettext_noop("Admitted to the contest."),
            audit=True,
        )
    return application


def application_reject(
    *, user, application: Application, reason: RejectionReason | None, note: str = ""
) -> Application:
    """Reject with a listed reason (and an optional note). A revision whose deadline passed may
    be rejected too."""
    if reason is None or not reason.is_active:
        raise ValidationError({"reason": [_("Choose the reason from the list.")]})
    note = clean_text(note or "").strip()[:2000]
    with transaction.atomic():
        contest, application = lock(application)
        overdue = (
            application.status == Application.Status.REVISION
            and application.revision_due is not None
            and timezone.now() >= application.revision_due
            and user.has_perm("budgeting.extend_revision", application)
        )
        if not overdue and not user.has_perm("budgeting.review_application", application):
            raise PermissionDenied(
                _("Only the contest's technical reviewers decide on submitted applications.")
            )
        application.status = Application.Status.REJECTED
        application.rejection_reason, application.rejection_note = reason, note
        application.decided_at = timezone.now()
        application.full_clean()
        application.save()
        step(
            application,
            "rejected",
            actor=user,
            message=gettext_noop("Rejected: %(reason)s"),
            params={"reason": {"msgid": reason.text}},
            audit=True,
        )
    return application


# --- Reviewers ---------------------------------------------------------------------------------


def reviewer_add(*, user, contest: Contest, reviewer) -> ContestReviewer:
    """Name a technical reviewer of the contest (a staff member or a resident the organizer
    trusts; the membership is what grants the review)."""
    with transaction.atomic():
        contest = Contest.objects.select_for_update().get(pk=contest.pk)
        if not user.has_perm("budgeting.manage_reviewers", contest):
            raise PermissionDenied(_("Only the contest's organizers name its reviewers."))
        if reviewer is None or not reviewer.is_active:
            raise ValidationError({"email": [_("There is no active account with this e-mail.")]})
        if ContestReviewer.objects.filter(contest=contest, user=reviewer).exists():
            raise ValidationError({"email": [_("This person already reviews the contest.")]})
        membership = ContestReviewer.objects.create(contest=contest, user=reviewer, added_by=user)
        audit_log(
            actor=user,
            action="budgeting.reviewer_add",
            target=contest,
            details={"reviewer": reviewer.pk},
        )
        record_event(
            kind="budgeting.reviewer_added",
            subject=contest,
            actor=user,
            territory=contest.municipality_id,
            payload={},
        )
    return membership


def reviewer_remove(*, user, membership: ContestReviewer) -> None:
    with transaction.atomic():
        contest = Contest.objects.select_for_update().get(pk=membership.contest_id)
        if not user.has_perm("budgeting.manage_reviewers", contest):
            raise PermissionDenied(_("Only the contest's organizers name its reviewers."))
        reviewer_id = membership.user_id
        membership.delete()
        audit_log(
            actor=user,
            action="budgeting.reviewer_remove",
            target=contest,
            details={"reviewer": reviewer_id},
        )
        record_event(
            kind="budgeting.reviewer_removed",
            subject=contest,
            actor=user,
            territory=contest.municipality_id,
            payload={},
        )
