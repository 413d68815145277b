"""Residents on objects: ratings of completed works, proposals of new objects and categories,
supports of published proposals (docs/infrastructure.md, "Residents").

Each write checks its named rule (rules.py), runs in one transaction with its event (and, for a
staff decision, its audit row), and refuses bad input with a message in the reader's language.
"""

import datetime
import math

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.accounts.predicates import can_participate
from veche.comments.services import comment_post
from veche.core.text import clean_text
from veche.events.services import record_event
from veche.search.text import stems
from veche.staff.services import audit_log
from veche.supports.kinds import Supportable
from veche.supports.services import give_support, withdraw_support
from veche.territory.models import Municipality
from veche.territory.selectors import resolve_point

from .. import geometry
from ..models import (
    Category,
    Facility,
    FacilityMunicipality,
    HistoryEntry,
    Proposal,
    ProposalSupport,
    Rating,
    Status,
    WorkType,
)
from ..models.residents import SCORES, ProposalStatus
from .facilities import TRACKED, as_text

# The shared comments' kind of a rating's comment (registered in apps.py).
RATING_KIND = "infrastructure.rating"

# A second proposal of the same category this close to an earlier one, within a year, is refused.
SAME_POINT_METRES = 50
SAME_POINT_DAYS = 365


def _deny(message: str) -> PermissionDenied:
    return PermissionDenied(message)


# Ratings


def facility_rate(*, user, facility: Facility, score: int, comment: str = "") -> Rating:
    """Rate a completed object's works 1–5 (with an optional comment). One rating per person and
    object: rating again replaces one's own rating and its comment, so it counts once (a
    database constraint backs it). The comment is a shared comment of the rating (veche/comments):
    it waits for a moderator in the shared queue before it is shown."""
    if score not in SCORES:
        raise ValidationError({"score": [_("Choose a score from 1 to 5.")]})
    comment = clean_text(comment or "").strip()
    if len(comment) > 2000:
        raise ValidationError(
            {"comment": [_("The comment is too long (at most 2,000 characters).")]}
        )
    with transaction.atomic():
        locked = Facility.objects.select_for_update().get(pk=facility.pk)
        if not user.has_perm("infrastructure.rate_facility", locked):
            if locked.status != Status.COMPLETED:
                raise _deny(_("Only completed works can be rated."))
            raise _deny(_("Confirm your e-mail to rate the works."))
        rating, created = Rating.objects.update_or_create(
            facility=locked, user=user, defaults={"score": score}
        )
        _replace_comment(rating, user, comment)
        record_event(
            kind="infrastructure.facility_rated",
            subject=locked,
            actor=user,
            territory=locked.municipality_id,
            payload={"score": score, "again": not created},
        )
    return rating


def _replace_comment(rating: Rating, user, text: str) -> None:
    """The rating's one comment becomes `text` (none when blank): an unchanged text stays as it
    is (and as moderated); another replaces the old comment by a new one that waits for a
    moderator. Called in the rating's transaction."""
    old = rating.comment
    if old is not None and old.text == text:
        return
    if old is not None:
        rating.comment = None
        rating.save(update_fields=["comment"])
        old.delete()  # nobody replies to a rating's comment (kinds: only its author writes it)
    if text:
        rating.comment = comment_post(author=user, kind=RATING_KIND, target_id=rating.pk, text=text)
        rating.save(update_fields=["comment"])


# Proposals


def _near(lat: float, lon: float) -> dict:
    """A box of about SAME_POINT_METRES around the point."""
    dlat = SAME_POINT_METRES / 111_320
    dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
    return {
        "lat__gte": lat - dlat,
        "lat__lte": lat + dlat,
        "lon__gte": lon - dlon,
        "lon__lte": lon + dlon,
    }


def proposal_submit(
    *,
    author,
    title: str,
    reason: str,
    lat: float,
    lon: float,
    category: Category | None = None,
    new_category: str = "",
    address: str = "",
) -> Proposal:
    """A resident proposes a new object (a category and a point) or a new category. Refused: a
    point outside the region, and a second proposal of the same category at the same point
    (within SAME_POINT_METRES) within a year."""
    if not author.has_perm("infrastructure.propose_facility"):
        raise _deny(_("Confirm your e-mail to propose objects."))
    title = clean_text(title or "").strip()
    reason = clean_text(reason or "").strip()
    new_category = clean_text(new_category or "").strip() if category is None else ""
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Say what should be built or repaired.")]
    if not reason:
        errors["reason"] = [_("Say why it is needed.")]
    if category is None and not new_category:
        errors["category"] = [_("Choose a category or name a new one.")]
    municipality = resolve_point(lat=lat, lon=lon).municipality
    if municipality is None:
        errors["lat"] = [_("The point is outside the region.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The municipality's row is the lock two proposals at one point would both take.
        Municipality.objects.select_for_update().filter(pk=municipality.pk).first()
        since = timezone.now() - datetime.timedelta(days=SAME_POINT_DAYS)
        earlier = Proposal.objects.filter(created_at__gte=since, **_near(lat, lon)).exclude(
            status=ProposalStatus.DECLINED
        )
        earlier = (
            earlier.filter(category=category)
            if category is not None
            else earlier.filter(category__isnull=True, new_category__iexact=new_category)
        )
        if earlier.exists():
            raise ValidationError(
                {
                    "lat": [
                        _(
                            "An object of this category was already proposed at this point "
                            "within the last year."
                        )
                    ]
                }
            )
        proposal = Proposal(
            author=author,
            title=title,
            reason=reason,
            lat=lat,
            lon=lon,
            address=clean_text(address or "").strip(),
            category=category,
            new_category=new_category,
            municipality=municipality,
        )
        proposal.full_clean()
        proposal.save()
        record_event(
            kind="infrastructure.proposal_filed",
            subject=proposal,
            actor=author,
            territory=municipality,
            payload={"new_category": bool(new_category)},
        )
    return proposal


def _locked_proposal(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=proposal.pk)
    )


def _decide(
    *,
    user,
    proposal: Proposal,
    rule: str,
    allowed: tuple,
    status: str,
    reason: str,
    facility: Facility | None = None,
):
    reason = clean_text(reason or "").strip()
    if status == ProposalStatus.DECLINED and not reason:
        raise ValidationError({"reason": [_("Give the reason of the refusal.")]})
    with transaction.atomic():
        locked = _locked_proposal(proposal)
        if not user.has_perm(rule, locked):
            raise _deny(_("You cannot decide on this proposal."))
        if locked.status not in allowed:
            raise ValidationError(_("This proposal has already been decided."))
        details = {"reason": reason}
        if status == ProposalStatus.ACCEPTED:
            if locked.category_id is None:
                category, made = _accepted_category(user, locked)
                details.update(category=category.pk, category_created=made)
            locked.facility, created = _programme_object(user, locked, facility)
            if locked.facility is not None:
                details.update(facility=locked.facility.pk, created=created)
        locked.status = status
        locked.decision_reason = reason
        locked.decided_at = timezone.now()
        locked.save(
            update_fields=[
                "status",
                "decision_reason",
                "decided_at",
                "facility",
                "category_created",
            ]
        )
        audit_log(
            actor=user,
            action=f"infrastructure.proposal_{status}",
            target=locked,
            details=details,
        )
        record_event(
            kind=f"infrastructure.proposal_{status}",
            subject=locked,
            actor=user,
            territory=locked.municipality_id,
        )
    return locked


def _accepted_category(user, proposal: Proposal) -> tuple[Category, bool]:
    """The category an accepted proposal of a new category becomes: created (audited and told),
    or the one of that name if it exists already; every proposal of that name is linked to it.
    Only the regional administration adds categories. Returns (category, created)."""
    if not user.has_perm("infrastructure.add_category"):
        raise _deny(_("Only the regional administration adds categories to the programme."))
    name = proposal.new_category
    # Names are compared in Python: SQLite's case-insensitive match folds only ASCII letters.
    category = next(
        (c for c in Category.objects.all() if c.name.casefold() == name.casefold()), None
    )
    created = category is None
    if created:
        top = Category.objects.aggregate(top=Max("order"))["top"] or 0
        category = Category(name=name, slug=f"proposed-{proposal.pk}", order=top + 1)
        category.full_clean()
        category.save()
        audit_log(
            actor=user,
            action="infrastructure.category_create",
            target=category,
            details={"name": name, "proposal": proposal.pk},
        )
        record_event(
            kind="infrastructure.category_created",
            subject=category,
            actor=user,
            territory=proposal.municipality_id,
            payload={"proposal": proposal.pk},
        )
    proposal.category_created = category
    alike = Proposal.objects.filter(category__isnull=True, category_created__isnull=True)
    same = [
        pk
        for pk, proposed in alike.exclude(pk=proposal.pk).values_list("pk", "new_category")
        if proposed.casefold() == name.casefold()
    ]
    Proposal.objects.filter(pk__in=same).update(category_created=category)
    return category, created


def _programme_object(user, proposal: Proposal, facility: Facility | None):
    """The object an accepted proposal becomes: the existing one named (which the decider must
    keep), or a draft created at the proposal's point — a planned object of its category, this
    year, in no programme yet and without money, which its keeper completes on the edit page. A
    proposal of a new category names no category: it is linked only when an object is named.
    Returns (object or None, created)."""
    if facility is not None:
        facility = Facility.objects.select_for_update().get(pk=facility.pk)
        if not user.has_perm("infrastructure.change_facility", facility):
            raise _deny(_("You can link a proposal only to an object you keep."))
        return facility, False
    if proposal.category_id is None:
        return None, False
    measured = geometry.measure({"type": "Point", "coordinates": [proposal.lon, proposal.lat]})
    draft = Facility(
        source_id=f"proposal-{proposal.pk}",
        name=proposal.title,
        address=proposal.address,
        category_id=proposal.category_id,
        geometry=measured.geometry,
        shape=measured.shape,
        lat=measured.lat,
        lon=measured.lon,
        min_lon=measured.bbox[0],
        min_lat=measured.bbox[1],
        max_lon=measured.bbox[2],
        max_lat=measured.bbox[3],
        municipality_id=proposal.municipality_id,
        year=timezone.localdate().year,
        work_type=WorkType.CONSTRUCTION,
        status=Status.PLANNED,
        description=proposal.reason,
        search_stems=stems(proposal.title, proposal.address, ""),
    )
    draft.full_clean(exclude=["search_stems"])
    draft.save()
    FacilityMunicipality.objects.create(facility=draft, municipality_id=draft.municipality_id)
    HistoryEntry.objects.create(
        facility=draft,
        source=HistoryEntry.Source.CREATED,
        changes={name: [None, as_text(getattr(draft, name))] for name in TRACKED},
        author=user,
    )
    return draft, True


def proposal_publish(*, user, proposal: Proposal) -> Proposal:
    """A moderator publishes a proposal awaiting moderation: residents may support it."""
    return _decide(
        user=user,
        proposal=proposal,
        rule="infrastructure.moderate_proposal",
        allowed=(ProposalStatus.PENDING,),
        status=ProposalStatus.PUBLISHED,
        reason="",
    )


def proposal_reject(*, user, proposal: Proposal, reason: str) -> Proposal:
    """A moderator declines a proposal awaiting moderation, with a reason."""
    return _decide(
        user=user,
        proposal=proposal,
        rule="infrastructure.moderate_proposal",
        allowed=(ProposalStatus.PENDING,),
        status=ProposalStatus.DECLINED,
        reason=reason,
    )


def proposal_decide(
    *,
    user,
    proposal: Proposal,
    accept: bool,
    reason: str = "",
    facility: Facility | None = None,
) -> Proposal:
    """The administration accepts a published proposal into the programme or declines it. An
    accepted proposal becomes an object: the existing `facility` named, or a draft created at its
    point (`_programme_object`); both are in the decision's audit row."""
    if facility is not None and not accept:
        raise ValidationError(
            {"facility": [_("Only an accepted proposal is linked to an object.")]}
        )
    return _decide(
        facility=facility,
        user=user,
        proposal=proposal,
        rule="infrastructure.decide_proposal",
        allowed=(ProposalStatus.PENDING, ProposalStatus.PUBLISHED),
        status=ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED,
        reason=reason,
    )


# Supports of a published proposal: the shared mechanism, one per person (a DB constraint).
PROPOSAL_SUPPORTS = Supportable(
    item_model=Proposal,
    support_model=ProposalSupport,
    item_field="proposal",
    counter="support_count",
    open_statuses=(ProposalStatus.PUBLISHED,),
    author_field="author",
    event_prefix="infrastructure",
)


def _support_refusal(user, proposal: Proposal) -> str:
    if proposal.author_id == user.pk:
        return _("This is your proposal: other residents can support it.")
    if proposal.status != ProposalStatus.PUBLISHED:
        return _("This proposal is not open for support.")
    return _("Confirm your e-mail to support proposals.")


def proposal_support(*, user, proposal: Proposal) -> bool:
    """Support a published proposal once; True when this support is new."""
    if can_participate(user):
        _count, created = give_support(PROPOSAL_SUPPORTS, user=user, item=proposal)
        if created:
            return True
    proposal.refresh_from_db()
    if not user.has_perm("infrastructure.support_proposal", proposal):
        raise _deny(_support_refusal(user, proposal))
    return False


def proposal_support_withdraw(*, user, proposal: Proposal) -> bool:
    """Take one's support of a published proposal back; True when there was one."""
    proposal.refresh_from_db()
    if proposal.status != ProposalStatus.PUBLISHED:
        raise _deny(_("This proposal is not open for support."))
    _count, withdrawn = withdraw_support(PROPOSAL_SUPPORTS, user=user, item=proposal)
    return withdrawn
