"""Proposals of objects in the shared moderation queue (`/moderation/`): approve = publish,
reject = decline with a listed reason (the services check the rule, write the event and the
staff audit row). Ratings' comments are shared comments: the comments' own source lists them."""

from django.shortcuts import get_object_or_404
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from veche.moderation.registry import ModerationItem, ModerationSource
from veche.staff.models import Role
from veche.staff.predicates import is_regional_admin, municipality_scope

from .models import Proposal
from .models.residents import ProposalStatus
from .services import residents as services

QUEUE_LIMIT = 500
EXCERPT = 300

REASONS = {
    "duplicate": gettext_lazy("Already in the programme or proposed"),
    "not_public": gettext_lazy("Not a public object"),
    "offensive": gettext_lazy("Offensive or off-topic"),
    "personal_data": gettext_lazy("Contains personal data"),
}


def _reasons() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in REASONS.items()]


def _scoped(user, queryset, field: str):
    if is_regional_admin(user):
        return queryset
    scope = municipality_scope(user, Role.MODERATOR)
    if scope is None:
        return queryset
    return queryset.filter(**{f"{field}__in": scope})


def _proposals(user):
    pending = Proposal.objects.filter(status=ProposalStatus.PENDING)
    return _scoped(user, pending, "municipality_id").select_related(
        "author", "municipality", "category"
    )


def proposals_pending(user) -> list[ModerationItem]:
    return [
        ModerationItem(
            kind="infrastructure.proposal",
            id=proposal.pk,
            title=proposal.title,
            excerpt=Truncator(proposal.reason).chars(EXCERPT),
            url=proposal.get_absolute_url(),
            territory=proposal.municipality.name,
            author=proposal.author.public_name if proposal.author else "",
            created_at=proposal.created_at,
            flags=(proposal.category_name,),
        )
        for proposal in _proposals(user).order_by("created_at", "pk")[:QUEUE_LIMIT]
    ]


def proposals_count(user) -> int:
    return _proposals(user).count()


def proposal_approve(user, item_id: int) -> str:
    proposal = services.proposal_publish(
        user=user, proposal=get_object_or_404(Proposal, pk=item_id)
    )
    return _("Proposal № %(number)s is published.") % {"number": proposal.pk}


def proposal_reject(user, item_id: int, reason_code: str, note: str) -> str:
    proposal = get_object_or_404(Proposal, pk=item_id)
    reason = str(REASONS.get(reason_code, ""))
    text = f"{reason}. {note}".strip(". ") if note else reason
    proposal = services.proposal_reject(user=user, proposal=proposal, reason=text)
    return _("Proposal № %(number)s is declined.") % {"number": proposal.pk}


def sources() -> list[ModerationSource]:
    return [
        ModerationSource(
            kind="infrastructure.proposal",
            label=gettext_lazy("object proposals"),
            pending=proposals_pending,
            count=proposals_count,
            approve=proposal_approve,
            reject=proposal_reject,
            reasons=_reasons,
            order=60,
        ),
    ]
