"""Initiative groups: a resident creates one and leads it, invites members by e-mail or by a
link (valid `INVITATION_DAYS` days, accepted once), they accept and join. Each change in one
transaction with its event `budgeting.group_<action>`; an e-mail invitation enqueues its letter
(the task builds the link when it runs: no token in the task's arguments)."""

import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.core.text import clean_text
from veche.events.services import record_event
from veche.territory.models import Municipality

from ..models import GroupInvitation, GroupMember, InitiativeGroup
from ._common import require

INVITATION_DAYS = 14
MAX_MEMBERS = 50


def _event(kind: str, group: InitiativeGroup, *, actor, payload=None) -> None:
    record_event(
        kind=f"budgeting.group_{kind}",
        subject=group,
        actor=actor,
        territory=group.municipality_id,
        payload=payload or {},
    )


def group_create(*, user, name: str, municipality: Municipality | None) -> InitiativeGroup:
    require(
        user,
        "budgeting.create_group",
        None,
        _("Confirm your e-mail address to take part."),
    )
    name = " ".join(clean_text(name or "").split())
    errors = {}
    if not name:
        errors["name"] = [_("Name the group, e.g. after its yard or street.")]
    elif len(name) > 200:
        errors["name"] = [_("The name is too long: at most %(max)d characters.") % {"max": 200}]
    if municipality is None:
        errors["municipality"] = [_("Choose the municipality where the group works.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        group = InitiativeGroup.objects.create(name=name, municipality=municipality, leader=user)
        GroupMember.objects.create(group=group, user=user)
        _event("created", group, actor=user)
    return group


def group_invite(*, user, group: InitiativeGroup, email: str = "") -> GroupInvitation:
    """An invitation by e-mail (a letter goes to the address, with a registration link for
    people without an account), or, with no e-mail, a link the leader passes on."""
    require(user, "budgeting.invite_to_group", group, _("Only the group's leader invites."))
    email = (email or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise ValidationError({"email": [_("Enter a valid e-mail address.")]}) from error
    now = timezone.now()
    with transaction.atomic():
        group = InitiativeGroup.objects.select_for_update().get(pk=group.pk)
        if email and group.members.filter(user__email__iexact=email).exists():
            raise ValidationError({"email": [_("This person is already in the group.")]})
        invitation = GroupInvitation.objects.create(
            group=group,
            email=email,
            token=secrets.token_urlsafe(32),
            invited_by=user,
            created_at=now,
            expires_at=now + timedelta(days=INVITATION_DAYS),
        )
        _event("invited", group, actor=user, payload={"by_email": bool(email)})
        if email:
            from ..tasks import send_invitation

            send_invitation.enqueue(invitation_id=invitation.pk)
    return invitation


def invitation_accept(*, user, token: str) -> GroupMember:
    """Join the group the invitation is for. Refused when it expired, was used, or was sent to
    another address."""
    if not user.has_perm("budgeting.create_group"):
        raise PermissionDenied(_("Confirm your e-mail address to take part."))
    with transaction.atomic():
        invitation = (
            GroupInvitation.objects.select_for_update(of=("self",))
            .select_related("group")
            .filter(token=token)
        ).first()
        if invitation is None:
            raise ValidationError(_("This invitation does not exist."), code="unknown")
        if invitation.accepted_at is not None:
            raise ValidationError(_("This invitation has already been used."), code="used")
        if timezone.now() >= invitation.expires_at:
            raise ValidationError(
                _("This invitation expired: ask the group's leader for a new one."),
                code="expired",
            )
        if invitation.email and invitation.email.lower() != user.email.lower():
            raise PermissionDenied(_("This invitation was sent to another e-mail address."))
        group = InitiativeGroup.objects.select_for_update().get(pk=invitation.group_id)
        if group.members.filter(user=user).exists():
            raise ValidationError(_("You are already in this group."), code="member")
        if group.members.count() >= MAX_MEMBERS:
            raise ValidationError(
                _("A group has at most %(max)d members.") % {"max": MAX_MEMBERS}, code="full"
            )
        member = GroupMember.objects.create(group=group, user=user)
        invitation.accepted_by, invitation.accepted_at = user, timezone.now()
        invitation.save(update_fields=["accepted_by", "accepted_at"])
        _event("joined", group, actor=user)
        if hasattr(user, "_veche_budget_groups"):
            del user._veche_budget_groups
    return member


def group_hand_over(*, user, group: InitiativeGroup, member) -> InitiativeGroup:
    """Hand the group's lead to another member: he submits its applications from now on, the
    former leader stays a member. The new leader must be able to take part (a confirmed
    e-mail)."""
    require(user, "budgeting.hand_over_group", group, _("Only the group's leader hands over."))
    with transaction.atomic():
        group = InitiativeGroup.objects.select_for_update().get(pk=group.pk)
        if group.leader_id != user.pk:  # another hand-over came first
            raise PermissionDenied(_("Only the group's leader hands over."))
        if member is None or not group.members.filter(user=member).exists():
            raise ValidationError({"member": [_("Choose a member of the group.")]})
        if member.pk == user.pk:
            raise ValidationError({"member": [_("You lead the group already: choose another.")]})
        if not member.has_perm("budgeting.create_group"):
            raise ValidationError(
                {"member": [_("This member has not confirmed his e-mail and cannot lead yet.")]}
            )
        group.leader = member
        group.save(update_fields=["leader"])
        _event("lead_handed_over", group, actor=user, payload={"to": member.pk})
    return group


def group_link_idea(*, user, group: InitiativeGroup, idea) -> InitiativeGroup:
    """Name the idea the group published and discusses (veche.ideas): a public idea of one of
    its members, in the group's municipality. Its discussion stays on the idea's page."""
    from veche.ideas.selectors import public_ideas

    require(user, "budgeting.invite_to_group", group, _("Only the group's leader links its idea."))
    with transaction.atomic():
        group = InitiativeGroup.objects.select_for_update().get(pk=group.pk)
        found = (
            public_ideas()
            .filter(
                pk=getattr(idea, "pk", None),
                author__group_memberships__group=group,
                municipality=group.municipality,
            )
            .first()
        )
        if found is None:
            raise ValidationError(
                {
                    "idea": [
                        _("Choose a published idea of a group member in the group's municipality.")
                    ]
                }
            )
        group.idea = found
        group.save(update_fields=["idea"])
        _event("idea_linked", group, actor=user, payload={"idea": found.pk})
    return group


def member_ideas(group: InitiativeGroup):
    """The published ideas of the group's members in its municipality (to link one)."""
    from veche.ideas.selectors import public_ideas

    return (
        public_ideas()
        .filter(author__group_memberships__group=group, municipality=group.municipality)
        .order_by("-created_at")
    )
