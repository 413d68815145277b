"""Named permissions of initiative budgeting (docs/budgeting.md, "Permissions").

The organizer's side: the municipal admin of a municipal contest's municipality, or a regional
admin (who runs the regional contests and may step in on any municipal one, as SPEC §1 gives him
everything). A draft is seen by its organizers only: an admin of Surgut never sees Urai's drafts.

The calendar drives what residents may do (STYLE.md, example 6): a stage predicate compares the
contest's stages with `timezone.now()`; `stage_refusal` says in words why an action is closed.
"""

import rules
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.accounts.predicates import can_participate, is_verified
from veche.core.formats import local_datetime
from veche.staff.predicates import is_municipal_admin, is_municipal_admin_of, is_regional_admin

from . import stages
from .models import Application, Contest, ContestReviewer, InitiativeGroup
from .models.application import past_admission


def group_of(obj) -> InitiativeGroup | None:
    if isinstance(obj, InitiativeGroup):
        return obj
    if isinstance(obj, Application) and obj.group_id:
        return obj.group
    return None


def group_ids(user) -> set[int]:
    """The groups the user belongs to, read once per request and kept on the user."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_veche_budget_groups", None)
    if cached is None:
        cached = set(user.group_memberships.values_list("group_id", flat=True))
        user._veche_budget_groups = cached
    return cached


def reviewed_contest_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_veche_reviewed_contests", None)
    if cached is None:
        cached = set(ContestReviewer.objects.filter(user=user).values_list("contest_id", flat=True))
        user._veche_reviewed_contests = cached
    return cached


def contest_of(obj) -> Contest | None:
    """The contest itself, or the contest of anything that has one (`obj.contest`)."""
    if isinstance(obj, Contest):
        return obj
    return getattr(obj, "contest", None)


@rules.predicate
def manages_contest(user, obj) -> bool:
    """A regional admin; the municipal admin of a municipal contest's municipality."""
    contest = contest_of(obj)
    if contest is None:
        return False
    if is_regional_admin(user):
        return True
    return not contest.is_regional and is_municipal_admin_of(user, contest.municipality)


@rules.predicate
def contest_is_published(user, obj) -> bool:
    contest = contest_of(obj)
    return contest is not None and contest.is_published


@rules.predicate
def contest_not_started(user, obj) -> bool:
    """A draft, or a published contest whose first stage has not begun: its terms may change."""
    contest = contest_of(obj)
    return contest is not None and (not contest.is_published or not contest.has_started)


@rules.predicate
def contest_is_draft(user, obj) -> bool:
    contest = contest_of(obj)
    return contest is not None and not contest.is_published


def in_stage(kind: str) -> rules.Predicate:
    """True while the contest's stage of `kind` is open by date."""

    @rules.predicate(name=f"contest_in_{kind}")
    def predicate(user, obj) -> bool:
        contest = contest_of(obj)
        if contest is None:
            return False
        current = contest.stage_at(timezone.now())
        return current is not None and current.kind == kind

    return predicate


in_applications = in_stage(stages.APPLICATIONS)
in_technical_review = in_stage(stages.TECHNICAL_REVIEW)


def stage_refusal(contest: Contest, kind: str) -> str:
    """Why an action of the stage `kind` is closed now, in words; '' while the stage is open."""
    stage = contest.stage_of_kind(kind)
    label = stages.stage_label(kind)
    if stage is None:
        return _("This contest has no stage «%(stage)s».") % {"stage": label}
    now = timezone.now()
    dates = {"stage": label, "start": local_datetime(stage.starts_at)}
    dates["end"] = local_datetime(stage.ends_at)
    if now < stage.starts_at:
        return _("The stage «%(stage)s» opens on %(start)s and runs until %(end)s.") % dates
    if now >= stage.ends_at:
        return _("The stage «%(stage)s» is over: it ended on %(end)s.") % dates
    return ""


rules.add_perm("budgeting.view_contest", contest_is_published | manages_contest)
# Who may start a contest at all (the list's button); the territory is checked on the object.
rules.add_perm("budgeting.organize_contests", is_municipal_admin | is_regional_admin)
rules.add_perm("budgeting.manage_contest", manages_contest)
rules.add_perm("budgeting.change_contest", manages_contest & contest_not_started)
rules.add_perm("budgeting.publish_contest", manages_contest & contest_is_draft)
# A resident's side of applying (the application itself and its group come with part 3):
# a confirmed e-mail, a published contest, its applications stage open by date.
rules.add_perm(
    "budgeting.apply_to_contest", can_participate & contest_is_published & in_applications
)


# --- Groups and applications ------------------------------------------------------------------


@rules.predicate
def is_group_member(user, obj) -> bool:
    group = group_of(obj)
    return group is not None and group.pk in group_ids(user)


@rules.predicate
def is_group_leader(user, obj) -> bool:
    group = group_of(obj)
    return group is not None and user.is_authenticated and group.leader_id == user.pk


@rules.predicate
def is_contest_reviewer(user, obj) -> bool:
    """A technical reviewer the organizer named for this contest."""
    contest = contest_of(obj)
    return contest is not None and contest.pk in reviewed_contest_ids(user)


@rules.predicate
def is_applicant_side(user, application) -> bool:
    """Who writes the application: the group's members, the municipality's admin, the author."""
    if not isinstance(application, Application):
        return False
    if application.kind == Application.Kind.GROUP:
        return is_group_member(user, application)
    if application.kind == Application.Kind.MUNICIPALITY:
        return is_municipal_admin_of(user, application.municipality)
    return user.is_authenticated and application.author_id == user.pk


@rules.predicate
def is_submitter(user, application) -> bool:
    """Who submits: only the group's leader; in a regional contest only the applicant
    municipality's admin; an individual himself."""
    if not isinstance(application, Application):
        return False
    if application.kind == Application.Kind.GROUP:
        return is_group_leader(user, application)
    if application.kind == Application.Kind.MUNICIPALITY:
        return is_municipal_admin_of(user, application.municipality)
    return user.is_authenticated and application.author_id == user.pk


def status_in(*statuses: str) -> rules.Predicate:
    @rules.predicate(name=f"application_status_in_{'_'.join(statuses)}")
    def predicate(user, application) -> bool:
        return isinstance(application, Application) and application.status in statuses

    return predicate


is_draft = status_in(Application.Status.DRAFT)
on_revision = status_in(Application.Status.REVISION)
awaits_review = status_in(Application.Status.SUBMITTED)
# Admitted, or further on (evaluated, …): public from then on.
is_admitted = status_in(*past_admission())
in_review_window = in_applications | in_technical_review

rules.add_perm("budgeting.create_group", can_participate)
rules.add_perm("budgeting.view_group", is_group_member)
rules.add_perm("budgeting.invite_to_group", is_group_leader & can_participate)
rules.add_perm("budgeting.hand_over_group", is_group_leader & can_participate)
rules.add_perm(
    "budgeting.view_application",
    is_applicant_side
    | is_contest_reviewer
    | manages_contest
    | (is_admitted & contest_is_published),
)
# Files hold personal data (signature sheets, consents): never public, even once admitted.
rules.add_perm(
    "budgeting.view_application_files", is_applicant_side | is_contest_reviewer | manages_contest
)
# A draft is written while applications are accepted; a revision until it is decided.
rules.add_perm(
    "budgeting.edit_application",
    is_applicant_side & ((is_draft & in_applications) | on_revision),
)
rules.add_perm(
    "budgeting.submit_application",
    is_submitter & contest_is_published & ((is_draft & in_applications) | on_revision),
)
rules.add_perm(
    "budgeting.review_application",
    (is_contest_reviewer | manages_contest) & awaits_review & in_review_window,
)
rules.add_perm(
    "budgeting.extend_revision",
    (is_contest_reviewer | manages_contest) & on_revision,
)
rules.add_perm("budgeting.view_review_queue", is_contest_reviewer | manages_contest)
rules.add_perm("budgeting.manage_reviewers", manages_contest)


# --- Public voting (issue 13, point 3) ----------------------------------------------------------


def terms_of(obj):
    """The contest's voting terms (None when the contest has no public voting configured)."""
    contest = contest_of(obj)
    if contest is None:
        return None
    try:
        return contest.voting_terms
    except Contest.voting_terms.RelatedObjectDoesNotExist:
        return None


in_public_voting = in_stage(stages.PUBLIC_VOTING)


@rules.predicate
def voting_is_over(user, obj) -> bool:
    contest = contest_of(obj)
    stage = contest.stage_of_kind(stages.PUBLIC_VOTING) if contest else None
    return stage is not None and timezone.now() >= stage.ends_at


@rules.predicate
def may_vote_by_terms(user, obj) -> bool:
    """The contest's terms admit the user: verified if they say so, a resident of the contest's
    municipality only when they restrict it (a regional contest: any settlement of the region)."""
    terms = terms_of(obj)
    if terms is None or not can_participate(user):
        return False
    if terms.verified_only and not is_verified(user):
        return False
    if terms.residents_only:
        settlement = getattr(user, "settlement", None)
        if settlement is None:
            return False
        contest = contest_of(obj)
        return contest.is_regional or settlement.municipality_id == contest.municipality_id
    return True


@rules.predicate
def withdrawal_allowed(user, obj) -> bool:
    terms = terms_of(obj)
    return terms is not None and terms.withdrawal_allowed


rules.add_perm(
    "budgeting.vote_in_contest", contest_is_published & in_public_voting & may_vote_by_terms
)
rules.add_perm(
    "budgeting.withdraw_vote",
    contest_is_published & in_public_voting & may_vote_by_terms & withdrawal_allowed,
)
# Paper votes: the staff of a voting point (voting.enter_paper_ballot, asked on the point) enters
# them while the voting stage is open; the voter's side is the same as on the web.
rules.add_perm("budgeting.accept_paper_votes", contest_is_published & in_public_voting)
rules.add_perm("budgeting.configure_voting", manages_contest)
# Counts, results and the pseudonymous exports are public once voting is over; the organizer
# sees them and the suspicious-account signals at any time.
rules.add_perm(
    "budgeting.view_voting_results", (contest_is_published & voting_is_over) | manages_contest
)
rules.add_perm("budgeting.view_vote_signals", manages_contest)
rules.add_perm("budgeting.compute_winners", manages_contest & voting_is_over)


# --- The expert commission and its evaluation sheet (issue 13, points 1–2) --------------------


def commission_roles(user) -> dict[int, str]:
    """{contest id: role} of the user's seats on commissions, read once per request."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_veche_commission_roles", None)
    if cached is None:
        from .models import CommissionMember

        cached = dict(CommissionMember.objects.filter(user=user).values_list("contest_id", "role"))
        user._veche_commission_roles = cached
    return cached


def _seat(user, obj) -> str | None:
    contest = contest_of(obj)
    if contest is None:
        return None
    return commission_roles(user).get(contest.pk)


@rules.predicate
def is_commission_member(user, obj) -> bool:
    return _seat(user, obj) is not None


@rules.predicate
def is_expert(user, obj) -> bool:
    """An expert or the chair of the contest's commission (they score and sign)."""
    return _seat(user, obj) in ("expert", "chair")


@rules.predicate
def is_jury(user, obj) -> bool:
    return _seat(user, obj) == "jury"


@rules.predicate
def is_chair(user, obj) -> bool:
    return _seat(user, obj) == "chair"


in_expert_evaluation = in_stage(stages.EXPERT_EVALUATION)
in_public_jury = in_stage(stages.PUBLIC_JURY)

rules.add_perm("budgeting.manage_commission", manages_contest)
# Experts score in the expert evaluation stage, the public jury in its own.
rules.add_perm(
    "budgeting.score_applications",
    (is_expert & in_expert_evaluation) | (is_jury & in_public_jury),
)
rules.add_perm("budgeting.view_scoring", is_commission_member | manages_contest)
rules.add_perm("budgeting.generate_sheet", is_chair | manages_contest)
rules.add_perm("budgeting.void_sheet", is_chair)
rules.add_perm("budgeting.sign_sheet", is_expert)
rules.add_perm("budgeting.view_sheet", contest_is_published | manages_contest)
