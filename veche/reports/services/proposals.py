"""Proposals to the catalogue: a resident proposes a new topic or category with a reason; a
regional admin accepts it (it becomes a topic, in a category he chooses, with its deadline) or
declines it with a reason. The proposer is told either way."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veche.accounts.models import User
from veche.core.text import clean_text
from veche.events.services import record_event
from veche.notifications.messages import Message, subject
from veche.notifications.services import notify
from veche.notifications.text import msg
from veche.staff.services import audit_log

from ..models import CatalogueProposal, Category, Topic

# At most this many proposals per resident a day (settings.CATALOGUE_PROPOSALS_PER_DAY).
DEFAULT_PER_DAY = 3


def _event(kind: str, proposal: CatalogueProposal, actor) -> None:
    record_event(
        kind=f"reports.{kind}",
        subject=proposal,
        actor=actor,
        territory=None,
        payload={"kind": proposal.kind, "state": proposal.state},
    )


def catalogue_propose(
    *, author, kind: str, name: str, reason: str, category: Category | None = None
) -> CatalogueProposal:
    if not author.has_perm("reports.propose_catalogue"):
        raise PermissionDenied(_("Confirm your e-mail to propose changes to the catalogue."))
    proposal = CatalogueProposal(
        author=author,
        kind=kind,
        name=clean_text(name or "").strip(),
        reason=clean_text(reason or "").strip(),
        category=category if kind == CatalogueProposal.Kind.TOPIC else None,
    )
    errors = {}
    if kind == CatalogueProposal.Kind.TOPIC and category is None:
        errors["category"] = [_("Choose the category the new topic belongs to.")]
    if not proposal.name:
        errors["name"] = [_("Name the topic or category you propose.")]
    if not proposal.reason:
        errors["reason"] = [_("Say which problems it would let residents report.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Lock the proposer: the count below is the count that holds.
        User.objects.select_for_update().filter(pk=author.pk).first()
        _require_within_limit(author)
        proposal.full_clean()
        proposal.save()
        _event("catalogue_proposed", proposal, author)
    return proposal


def _require_within_limit(author) -> None:
    per_day = getattr(settings, "CATALOGUE_PROPOSALS_PER_DAY", DEFAULT_PER_DAY)
    since = timezone.now() - timedelta(days=1)
    if CatalogueProposal.objects.filter(author=author, created_at__gte=since).count() >= per_day:
        raise ValidationError(
            _("You have sent %(count)d proposals today: please send the next one tomorrow.")
            % {"count": per_day},
            code="rate_limited",
        )


def _pending(proposal: CatalogueProposal) -> CatalogueProposal:
    """Re-read the proposal locked; only a pending one can be reviewed."""
    proposal = CatalogueProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.state != CatalogueProposal.State.PENDING:
        raise ValidationError(_("This proposal has already been reviewed."), code="reviewed")
    return proposal


def _require_reviewer(admin) -> None:
    if not admin.has_perm("reports.review_catalogue_proposal"):
        raise PermissionDenied(_("Only a regional administrator reviews catalogue proposals."))


def catalogue_proposal_accept(
    *,
    admin,
    proposal: CatalogueProposal,
    category: Category | None,
    name: str,
    deadline_days: int,
    deadline_kind: str,
) -> Topic:
    """Make the proposal a topic of `category` with its answer deadline. Without a category: the
    one proposed with the topic, or — for a proposed category — that category, created now."""
    _require_reviewer(admin)
    name = clean_text(name or "").strip()
    with transaction.atomic():
        proposal = _pending(proposal)
        category = category or proposal.category or _new_category(proposal)
        topic = Topic(
            category=category,
            name=name,
            service_code=_service_code(name),
            deadline_days=deadline_days,
            deadline_kind=deadline_kind,
        )
        topic.full_clean()
        topic.save()
        _close(proposal, admin, CatalogueProposal.State.ACCEPTED, topic=topic)
        audit_log(
            actor=admin,
            action="reports.catalogue_proposal_accept",
            target=proposal,
            details={"topic_id": topic.pk, "category_id": category.pk},
        )
        _tell(
            proposal,
            msg(gettext_noop("your proposal «%(name)s» is accepted"), name=proposal.name),
            [msg(gettext_noop("It is now the topic «%(topic)s»."), topic=topic.name)],
        )
    return topic


def catalogue_proposal_decline(*, admin, proposal: CatalogueProposal, reason: str) -> None:
    _require_reviewer(admin)
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"decline_reason": [_("Say why the proposal is declined.")]})
    with transaction.atomic():
        proposal = _pending(proposal)
        proposal.decline_reason = reason
        _close(proposal, admin, CatalogueProposal.State.DECLINED)
        audit_log(actor=admin, action="reports.catalogue_proposal_decline", target=proposal)
        _tell(
            proposal,
            msg(gettext_noop("your proposal «%(name)s» is declined"), name=proposal.name),
            [msg(gettext_noop("Reason: %(reason)s"), reason=reason)],
        )


def _close(proposal: CatalogueProposal, admin, state: str, *, topic: Topic | None = None) -> None:
    proposal.state = state
    proposal.topic = topic
    proposal.reviewed_by = admin
    proposal.reviewed_at = timezone.now()
    proposal.full_clean()
    proposal.save()
    _event(f"catalogue_proposal_{state}", proposal, admin)


def _tell(proposal: CatalogueProposal, title, lines: list) -> None:
    message = Message(
        kind="catalogue_proposal",
        title=msg(gettext_noop("Catalogue: %(title)s"), title=title),
        text=lines,
        link="",
        **subject(proposal),
    )
    notify(recipients=[proposal.author], message=message)


def _new_category(proposal: CatalogueProposal) -> Category:
    if proposal.kind != CatalogueProposal.Kind.CATEGORY:
        raise ValidationError({"category": [_("Choose the category of the new topic.")]})
    if Category.objects.filter(name=proposal.name).exists():
        raise ValidationError({"category": [_("This category exists already: choose it.")]})
    base = slugify(proposal.name)[:70] or "category"
    slug, number = base, 1
    while Category.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    category = Category(name=proposal.name, slug=slug, order=Category.objects.count() + 1)
    category.full_clean()
    category.save()
    return category


def _service_code(name: str) -> str:
    """A free Open311 service code made of the name (Latin letters, or "topic" + a number)."""
    base = slugify(name)[:50] or "topic"
    code, number = base, 1
    while Topic.objects.filter(service_code=code).exists():
        number += 1
        code = f"{base}-{number}"
    return code
