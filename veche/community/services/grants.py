"""Applying to the individuals' grants contest (docs/community.md, "Grants contest"): a
resident of the region aged `min_age` (14) or over — checked from the date of birth he states
here, never in the future — starts an individual application in the budgeting contest and,
with it, a community project that collects virtual capital until the public stage ends; the
expert stage follows in budgeting. One application per person per contest."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veche.budgeting.services.applications import application_start
from veche.core.text import clean_text
from veche.events.services import record_event

from ..models import Direction, GrantApplication, GrantContest, Project
from .registry import entry_stems


def age_on(born: date, today: date) -> int:
    """Full years on `today` (one born on 29 February is a year older on 1 March)."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _dob_error(message, code: str) -> ValidationError:
    return ValidationError({"date_of_birth": ValidationError(message, code=code)})


def check_age(date_of_birth, *, min_age: int, today: date | None = None) -> None:
    today = today or timezone.localdate()
    if not isinstance(date_of_birth, date):
        raise _dob_error(_("Enter your date of birth."), "dob")
    if date_of_birth > today:
        raise _dob_error(_("The date of birth cannot be in the future."), "future")
    if age_on(date_of_birth, today) < min_age:
        raise _dob_error(
            _("The contest takes applicants aged %(age)s and over.") % {"age": min_age},
            "too_young",
        )


def grant_apply(
    *,
    user,
    grant_contest: GrantContest,
    date_of_birth,
    title: str,
    direction: str,
    description: str = "",
) -> GrantApplication:
    check_age(date_of_birth, min_age=grant_contest.min_age)
    if direction not in Direction.values:
        raise ValidationError({"direction": _("Choose a grant direction.")}, code="direction")
    settlement = getattr(user, "settlement", None)
    if settlement is None:
        raise ValidationError(
            _("Only residents of the region apply: state your settlement in your profile."),
            code="resident",
        )
    if GrantApplication.objects.filter(grant_contest=grant_contest, applicant=user).exists():
        raise ValidationError(_("You have already applied to this contest."), code="applied")
    try:
        with transaction.atomic():
            application = application_start(
                user=user,
                contest=grant_contest.contest,
                kind="individual",
                title=title,
                municipality=settlement.municipality,
            )
            project = Project(
                title=application.title[:150],
                description=clean_text(description or "")[:3000],
                owner=user,
                goal=grant_contest.goal,
                deadline=grant_contest.public_until,
                municipality=application.municipality,
                direction=direction,
            )
            project.search_stems = entry_stems(project)
            project.save()
            entry = GrantApplication.objects.create(
                grant_contest=grant_contest,
                applicant=user,
                date_of_birth=date_of_birth,
                direction=direction,
                application=application,
                project=project,
            )
            record_event(
                kind="community.grant_applied",
                subject=entry,
                actor=user,
                territory=application.municipality,
                payload={"contest": grant_contest.contest_id, "direction": direction},
            )
            return entry
    except IntegrityError:
        raise ValidationError(
            _("You have already applied to this contest."), code="applied"
        ) from None
