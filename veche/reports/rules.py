"""Named permissions for reports, built from the shared predicates (docs/permissions.md)."""

import rules

from veche.accounts.predicates import can_participate
from veche.staff.models import Role
from veche.staff.predicates import (
    agency_scope,
    has_role,
    is_agency_head,
    is_moderator,
    is_municipal_admin,
    is_municipal_head,
    is_official,
    is_operator,
    is_regional_admin,
    is_regional_head,
    municipality_scope,
    role_assignments,
)

from .models.report import FINISHED, UNPUBLISHED


def _holds_any(user, roles) -> bool:
    return any(a.role in roles for a in role_assignments(user))


def _covers(user, report, *roles: str) -> bool:
    """The user holds one of the roles for the report's municipality or the whole region."""
    if not _holds_any(user, roles):
        return False
    scope = municipality_scope(user, *roles)
    return scope is None or report.municipality_id in scope


@rules.predicate
def is_author(user, report) -> bool:
    return report is not None and user.is_authenticated and report.author_id == user.pk


@rules.predicate
def moderates(user, report) -> bool:
    """A moderator whose territory covers the report's municipality (or the whole region)."""
    return report is not None and _covers(user, report, Role.MODERATOR)


@rules.predicate
def works_at_agency(user, report) -> bool:
    """An official or agency head of the agency the report is routed to."""
    return (
        report is not None
        and report.agency_id is not None
        and report.agency_id in agency_scope(user, Role.OFFICIAL, Role.AGENCY_HEAD)
    )


@rules.predicate
def heads_agency(user, report) -> bool:
    return (
        report is not None
        and report.agency_id is not None
        and report.agency_id in agency_scope(user, Role.AGENCY_HEAD)
    )


@rules.predicate
def oversees_territory(user, report) -> bool:
    """Admins and heads who read their territory's reports, published or not."""
    roles = (Role.MUNICIPAL_ADMIN, Role.MUNICIPAL_HEAD, Role.REGIONAL_HEAD, Role.REGIONAL_ADMIN)
    return report is not None and _covers(user, report, *roles)


@rules.predicate
def is_published(user, report) -> bool:
    return report is not None and report.status not in UNPUBLISHED


@rules.predicate
def is_open(user, report) -> bool:
    """Published and not finished: neither closed nor merged into another report."""
    return report is not None and report.status not in (*UNPUBLISHED, *FINISHED)


is_staff_on_report = moderates | works_at_agency | oversees_territory | is_regional_admin

rules.add_perm("reports.file_report", can_participate)
rules.add_perm("reports.file_on_behalf", has_role(Role.OPERATOR))
rules.add_perm("reports.view_report", is_published | is_author | is_staff_on_report)
rules.add_perm("reports.view_internal", is_staff_on_report)
rules.add_perm("reports.moderate_report", moderates | is_regional_admin)
rules.add_perm("reports.work_on_report", works_at_agency)
rules.add_perm("reports.escalations", heads_agency)
# The agency's own staff do not support the reports they answer.
rules.add_perm(
    "reports.support_report", can_participate & is_published & ~is_author & ~works_at_agency
)
# Taking one's support back needs only a live session (a blocked account has none), while the
# report is still open.
rules.add_perm("reports.withdraw_support", rules.is_authenticated & is_open)
# Following: anyone logged in who can see a published report; its author hears of it anyway.
rules.add_perm("reports.follow_report", rules.is_authenticated & is_published & ~is_author)
# Press coverage: the author (while he may take part) or a moderator of the report.
rules.add_perm(
    "reports.add_press_link",
    is_published & ((can_participate & is_author) | moderates | is_regional_admin),
)
rules.add_perm("reports.remove_press_link", moderates | is_regional_admin)
rules.add_perm("reports.propose_catalogue", can_participate)
rules.add_perm("reports.review_catalogue_proposal", is_regional_admin)
rules.add_perm("reports.review_answer", can_participate & is_author)

# Workspace lists (no object): which a staff member may open. Every action on a report still asks
# the report's own rule above through its service.
can_use_queue = is_moderator | is_regional_admin
can_use_inbox = is_official | is_agency_head
# Admins and heads read their territory's reports (each report's page asks view_internal).
can_read_territory = is_regional_admin | is_regional_head | is_municipal_admin | is_municipal_head
rules.add_perm("reports.view_moderation_queue", can_use_queue)
rules.add_perm("reports.view_inbox", can_use_inbox)
rules.add_perm("reports.view_territory_reports", can_read_territory)
rules.add_perm(
    "reports.view_workspace", can_use_queue | can_use_inbox | is_operator | can_read_territory
)
