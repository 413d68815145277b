"""Referral links and ambassadors (issue 15 point 7, docs/points.md "Referrals").

A resident's link (`/points/invite/<code>/`) is remembered in the visitor's session; the
registration that follows records a `Referral` (accounts' signup hook). The points consumer
confirms the referrals whose invited person has confirmed his e-mail and records
`points.referral_confirmed` for each, with the inviter's confirmed count; the `referral` rule
grants from that event like any other, once per invited person (the event's subject), and only
from the POINTS_AMBASSADOR_FROM-th confirmed registration on (the event says so in `earns`).
"""

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from veche.events.services import record_event

from ..models import Invitation, Referral

SESSION_KEY = "points.referral"
CODE_BYTES = 6  # eight URL-safe characters


def ambassador_from() -> int:
    return settings.POINTS_AMBASSADOR_FROM


def invitation_for(user) -> Invitation:
    """The resident's referral link, made the first time he asks for it."""
    existing = Invitation.objects.filter(user=user).first()
    if existing is not None:
        return existing
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Invitation.objects.create(user=user, code=secrets.token_urlsafe(CODE_BYTES))
        except IntegrityError:  # his own made a moment ago, or (rarely) a code taken
            existing = Invitation.objects.filter(user=user).first()
            if existing is not None:
                return existing
    raise RuntimeError("No free referral code after five attempts.")


def inviter_of(code: str):
    """The active resident whose link this is, or None."""
    invitation = (
        Invitation.objects.filter(code=code, user__is_active=True).select_related("user").first()
    )
    return invitation.user if invitation else None


def referral_record(*, code: str, invited) -> Referral | None:
    """Remember that `invited` registered through the link `code`. Nothing for an unknown code,
    one's own link, or a person already referred (the unique `invited` decides under a race)."""
    inviter = inviter_of(code)
    if inviter is None or inviter.pk == invited.pk:
        return None
    try:
        with transaction.atomic():
            return Referral.objects.create(inviter=inviter, invited=invited)
    except IntegrityError:
        return None


def signup_hook(request, user) -> None:
    """accounts' signup hook: the link followed before registering, if any."""
    code = request.session.pop(SESSION_KEY, None)
    if isinstance(code, str) and code:
        referral_record(code=code, invited=user)


def referrals_confirm() -> int:
    """Mark the referrals whose invited person has confirmed his e-mail, and record each one's
    event for the `referral` rule. Runs in the points consumer's transaction (under its lock,
    so two runs never count the same inviter at once); returns how many were confirmed."""
    waiting = list(
        Referral.objects.select_for_update(of=("self",))
        .filter(
            confirmed_at__isnull=True,
            invited__email_confirmed_at__isnull=False,
            invited__is_active=True,
        )
        .select_related("inviter")
        .order_by("invited__email_confirmed_at", "pk")
    )
    if not waiting:
        return 0
    counts = dict(
        Referral.objects.filter(
            inviter_id__in={r.inviter_id for r in waiting}, confirmed_at__isnull=False
        )
        .values("inviter_id")
        .annotate(n=Count("pk"))
        .values_list("inviter_id", "n")
    )
    now = timezone.now()
    for referral in waiting:
        counts[referral.inviter_id] = counts.get(referral.inviter_id, 0) + 1
        referral.confirmed_at = now
        referral.save(update_fields=["confirmed_at"])
        record_event(
            kind="points.referral_confirmed",
            subject=referral,
            actor=referral.inviter,
            payload={
                "confirmed": counts[referral.inviter_id],
                "earns": counts[referral.inviter_id] >= ambassador_from(),
            },
        )
    return len(waiting)
