"""The expert commission (issue 13, point 1): the organizer names its members and assigns them
the admitted applications (all to all, or by groups); a member declares a conflict of interest
or scores an application by every criterion the experts score, each up to its maximum, with a
comment. Each change: its named rule, one transaction under the contest's row lock, one event,
an audit row for the organizer's acts."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.accounts.predicates import is_verified
from veche.core.text import clean_text
from veche.events.services import record_event
from veche.staff.services import audit_log

from ..models import Application, Assignment, CommissionMember, Contest, Score
from ..scoring import current_sheet, scored_statuses
from ..selectors_voting import account_signals

MAX_COMMENT = 2000


def _organizing(user, contest: Contest, *, seats: bool = False) -> Contest:
    """The contest under its row lock, for its organizer; with `seats`, only while no sheet is
    current (those who sign are those who sat when it was generated)."""
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    if not user.has_perm("budgeting.manage_commission", contest):
        raise PermissionDenied(_("Only the contest's organizers form its expert commission."))
    if seats and current_sheet(contest) is not None:
        raise ValidationError(
            _("The evaluation sheet is generated: the commission changes only after it is voided.")
        )
    return contest


def _event(kind: str, contest: Contest, user, **payload) -> None:
    record_event(
        kind=f"budgeting.{kind}",
        subject=contest,
        actor=user,
        territory=contest.municipality_id,
        payload=payload,
    )


def member_add(
    *, user, contest: Contest, person, role: str, signals_checked: bool = False
) -> CommissionMember:
    """Seat `person` on the contest's commission as an expert, its chair or a juror. A juror
    whose account appears in suspicious-account signals is seated only once the organizer says
    he has checked them (`signals_checked`)."""
    if role not in CommissionMember.Role.values:
        raise ValidationError({"role": [_("Choose a role.")]})
    with transaction.atomic():
        contest = _organizing(user, contest, seats=True)
        if person is None or not person.is_active:
            raise ValidationError({"email": [_("There is no active account with this e-mail.")]})
        if role == CommissionMember.Role.JURY and not is_verified(person):
            raise ValidationError(
                {"email": [_("The public jury takes residents whose identity is verified.")]}
            )
        if role == CommissionMember.Role.JURY and not signals_checked:
            if account_signals([person.pk])[person.pk]:
                raise ValidationError(
                    {
                        "signals_checked": [
                            _(
                                "This resident's account appears in suspicious-account signals "
                                "(listed below). Check them, then confirm to seat him."
                            )
                        ]
                    },
                    code="signals",
                )
        if CommissionMember.objects.filter(contest=contest, user=person).exists():
            raise ValidationError({"email": [_("This person already sits on the commission.")]})
        if role == "chair" and contest.commission.filter(role="chair").exists():
            raise ValidationError({"role": [_("The commission already has a chair.")]})
        member = CommissionMember.objects.create(
            contest=contest, user=person, role=role, added_by=user
        )
        details = {"member": person.pk, "role": role, "signals_checked": signals_checked}
        audit_log(actor=user, action="budgeting.commission_add", target=contest, details=details)
        _event("commission_member_added", contest, user, role=role)
    return member


def member_remove(*, user, member: CommissionMember) -> None:
    """Unseat a member; refused once he has scored (his scores are the sheet's record)."""
    with transaction.atomic():
        contest = _organizing(user, member.contest, seats=True)
        if Score.objects.filter(assignment__member=member).exists():
            raise ValidationError(
                _("This member has already scored applications: he stays on the commission.")
            )
        details = {"member": member.user_id, "role": member.role}
        member.delete()
        audit_log(actor=user, action="budgeting.commission_remove", target=contest, details=details)
        _event("commission_member_removed", contest, user, role=details["role"])


def assign(
    *,
    user,
    contest: Contest,
    members: list[CommissionMember] | None = None,
    applications: list[Application] | None = None,
) -> int:
    """Give the `members` (all of the commission when None) the `applications` to score (all the
    admitted ones when None): all to all, or a group to a group. Returns how many assignments
    are new; existing ones stay."""
    with transaction.atomic():
        contest = _organizing(user, contest)
        seated = {m.pk: m for m in contest.commission.all()}
        open_apps = {
            a.pk: a
            for a in Application.objects.filter(contest=contest, status__in=scored_statuses())
        }
        chosen_members = (
            list(seated.values()) if members is None else [seated.get(m.pk) for m in members]
        )
        chosen_apps = (
            list(open_apps.values())
            if applications is None
            else [open_apps.get(a.pk) for a in applications]
        )
        if not chosen_members or None in chosen_members:
            raise ValidationError({"members": [_("Choose members of this contest's commission.")]})
        if not chosen_apps or None in chosen_apps:
            raise ValidationError(
                {"applications": [_("Choose admitted applications of this contest.")]}
            )
        existing = set(
            Assignment.objects.filter(member__contest=contest).values_list(
                "member_id", "application_id"
            )
        )
        new = [
            Assignment(member=m, application=a)
            for m in chosen_members
            for a in chosen_apps
            if (m.pk, a.pk) not in existing
        ]
        Assignment.objects.bulk_create(new)
        details = {
            "members": sorted(m.pk for m in chosen_members),
            "applications": sorted(a.pk for a in chosen_apps),
            "new": len(new),
        }
        audit_log(actor=user, action="budgeting.commission_assign", target=contest, details=details)
        _event("commission_assigned", contest, user, new=len(new))
    return len(new)


def _own_assignment(user, assignment: Assignment) -> tuple[Contest, Assignment]:
    """The contest, then the assignment, under row locks; only the member himself acts on it."""
    contest = Contest.objects.select_for_update().get(pk=assignment.member.contest_id)
    locked = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("member", "application")
        .get(pk=assignment.pk)
    )
    if locked.member.user_id != user.pk:
        raise PermissionDenied(_("Only the expert it is assigned to scores this application."))
    return contest, locked


def _scores_open(contest: Contest) -> None:
    sheet = current_sheet(contest)
    if sheet is None:
        return
    if sheet.status == sheet.Status.SIGNED:
        raise ValidationError(
            _("The evaluation sheet is signed: it is immutable, scores no longer change.")
        )
    raise ValidationError(
        _(
            "The evaluation sheet No. %(number)s has been generated: scores change only after "
            "the chair voids it."
        )
        % {"number": sheet.number}
    )


def conflict_declare(*, user, assignment: Assignment, note: str) -> Assignment:
    """Declare a conflict of interest on an assigned application: the member no longer scores
    it, and what he had scored of it is withdrawn."""
    note = clean_text(note or "").strip()
    if not note:
        raise ValidationError({"note": [_("Say what the conflict of interest is.")]})
    with transaction.atomic():
        contest, assignment = _own_assignment(user, assignment)
        if not user.has_perm("budgeting.score_applications", contest):
            raise PermissionDenied(_("Scoring is closed now."))
        if assignment.has_conflict:
            raise ValidationError(_("You have already declared a conflict on this application."))
        _scores_open(contest)
        assignment.scores.all().delete()
        assignment.conflict_declared_at = timezone.now()
        assignment.conflict_note = note[:MAX_COMMENT]
        assignment.full_clean()
        assignment.save(update_fields=["conflict_declared_at", "conflict_note"])
        _event("conflict_declared", contest, user, application=assignment.application_id)
    return assignment


@dataclass(frozen=True)
class ScoreIn:
    criterion_id: int
    value: str | Decimal | None
    comment: str = ""


def scores_save(*, user, assignment: Assignment, scores: list[ScoreIn]) -> list[Score]:
    """Save the member's scores of one application, as a whole: each criterion the experts score,
    from 0 up to its maximum (two decimals), with an optional comment. Nothing is saved when one
    is wrong; the errors are keyed `score-<criterion id>`."""
    with transaction.atomic():
        contest, assignment = _own_assignment(user, assignment)
        if not user.has_perm("budgeting.score_applications", contest):
            raise PermissionDenied(_("Scoring is closed now."))
        if assignment.has_conflict:
            raise PermissionDenied(
                _("You declared a conflict of interest on this application: you do not score it.")
            )
        if assignment.application.status not in scored_statuses():
            raise ValidationError(_("This application is not being scored."))
        _scores_open(contest)
        criteria = {c.pk: c for c in contest.criteria.filter(source="experts")}
        errors: dict[str, list[str]] = {}
        clean: list[tuple] = []
        for given in scores:
            criterion = criteria.get(given.criterion_id)
            key = f"score-{given.criterion_id}"
            if criterion is None:
                errors[key] = [_("This criterion is not scored by the experts.")]
                continue
            if given.value in (None, ""):
                continue
            try:
                value = Decimal(str(given.value).replace(",", ".").strip())
            except InvalidOperation:
                errors[key] = [_("%(title)s: a number.") % {"title": criterion.title}]
                continue
            if not value.is_finite() or value < 0 or value > criterion.max_score:
                errors[key] = [
                    _("%(title)s: from 0 to %(max)s.")
                    % {"title": criterion.title, "max": f"{criterion.max_score.normalize():f}"}
                ]
                continue
            if value != value.quantize(Decimal("0.01")):
                errors[key] = [_("%(title)s: at most two decimals.") % {"title": criterion.title}]
                continue
            comment = clean_text(given.comment or "").strip()
            if len(comment) > MAX_COMMENT:
                errors[key] = [_("The comment is too long.")]
                continue
            clean.append((criterion, value, comment))
        if errors:
            raise ValidationError(errors)
        saved = []
        for criterion, value, comment in clean:
            score, _created = Score.objects.update_or_create(
                assignment=assignment,
                criterion=criterion,
                defaults={"value": value, "comment": comment},
            )
            saved.append(score)
        _event("scores_saved", contest, user, application=assignment.application_id)
    return saved
