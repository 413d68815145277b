"""Named permissions of public discussions (docs/discussions.md, "Who may do what").

The calendar drives them (STYLE.md, example 6): a draft is open for comments and ratings between
its own `opens_at` and `closes_at`, so nothing switches it on or off.

- The organizers of a draft — the municipal admin of its municipality, a regional admin, or the
  head of the agency that wrote it — edit it, publish versions, answer proposals and publish the
  final report. A municipal admin of another territory may not.
- A confirmed resident comments (through veche.comments) and rates a published, open draft.
- Anyone reads a published draft; the final report once published.
"""

import rules
from django.utils import timezone

from veche.accounts.predicates import can_participate
from veche.staff.predicates import (
    is_agency_head,
    is_head_of_agency,
    is_municipal_admin,
    is_municipal_admin_of,
    is_regional_admin,
)

from .models import Draft, Phase


def draft_of(obj) -> Draft | None:
    return obj if isinstance(obj, Draft) else getattr(obj, "draft", None)


@rules.predicate
def organizes_draft(user, obj) -> bool:
    """A regional admin; the municipal admin of the draft's municipality; the head of its
    agency."""
    draft = draft_of(obj)
    if draft is None:
        return False
    if is_regional_admin(user):
        return True
    if draft.municipality_id is not None and is_municipal_admin_of(user, draft.municipality):
        return True
    return draft.agency_id is not None and is_head_of_agency(user, draft.agency)


@rules.predicate
def is_published(user, obj) -> bool:
    draft = draft_of(obj)
    return draft is not None and draft.is_published


@rules.predicate
def is_open(user, obj) -> bool:
    draft = draft_of(obj)
    return draft is not None and draft.phase_at(timezone.now()) == Phase.OPEN


@rules.predicate
def is_closed(user, obj) -> bool:
    draft = draft_of(obj)
    return draft is not None and draft.phase_at(timezone.now()) == Phase.CLOSED


@rules.predicate
def report_published(user, obj) -> bool:
    draft = draft_of(obj)
    return draft is not None and draft.report_published_at is not None


may_organize = is_regional_admin | is_municipal_admin | is_agency_head

rules.add_perm("discussions.organize_drafts", may_organize)
rules.add_perm("discussions.view_draft", is_published | organizes_draft)
rules.add_perm("discussions.change_draft", organizes_draft)
rules.add_perm("discussions.publish_version", organizes_draft & is_published & ~is_closed)
rules.add_perm("discussions.comment_draft", can_participate & is_published & is_open)
rules.add_perm("discussions.rate_draft", can_participate & is_published & is_open)
rules.add_perm(
    "discussions.answer_proposal",
    organizes_draft & is_published & is_closed & ~report_published,
)
rules.add_perm(
    "discussions.publish_report",
    organizes_draft & is_published & is_closed & ~report_published,
)
rules.add_perm("discussions.view_report", (is_published & report_published) | organizes_draft)
