"""Points from the event log: the `points` consumer reads new events from its own watermark and
grants, holds for approval or reverses, all in the transaction that moves the watermark.

No domain app is imported: a rule names event kinds (`comments.posted`, `ideas.supported`), an
event names its subject as strings and its actor as a pseudonym, which `Pseudonym` turns back
into the user. The ledger's key for a grant is the event (`points.grant:<event id>`), so an event
handled twice grants once.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from veche.events.models import Event
from veche.events.selectors import read_new
from veche.events.services import actor_pseudonym, advance
from veche.ledger.models import Account
from veche.ledger.services import InsufficientFunds, post, reverse

from ..models import Grant, Pending, Pseudonym, Rule
from ._common import issuing_account, person_account
from .referrals import referrals_confirm

CONSUMER = "points"
# Statuses an event's payload gives content that is public already (post-moderation, or written
# by a moderator): approved-first rules grant at once.
PUBLIC_STATUSES = frozenset({"published"})


def process_events(*, limit: int = 500) -> int:
    """Handle the next events after the watermark; returns how many were read. Two runs at once
    queue on the issuing account's row (every grant locks it anyway; the consumer's own row may
    not exist yet, and creating it would make `read_new` wait at the first id), so each event
    is handled by one."""
    with transaction.atomic():
        Account.objects.select_for_update().filter(pk=issuing_account().pk).get()
        referrals_confirm()
        events = read_new(CONSUMER, limit=limit)
        if not events:
            return 0
        rules = _rules_by_kind()
        users = _users_by_actor({e.actor for e in events if e.actor})
        for event in events:
            for rule, role in rules.get(event.kind, ()):
                _HANDLERS[role](rule, event, users.get(event.actor))
        advance(consumer=CONSUMER, last_id=events[-1].id)
        return len(events)


def _rules_by_kind() -> dict[str, list[tuple[Rule, str]]]:
    """Event kind → (rule, what the event does for it): grant, approve, withdraw or remove."""
    table: dict[str, list[tuple[Rule, str]]] = {}
    for rule in Rule.objects.filter(active=True):
        table.setdefault(rule.grant_kind, []).append((rule, "grant"))
        if rule.approved_first:
            table.setdefault(rule.approval_kind, []).append((rule, "approve"))
        if rule.withdrawal_kind:
            table.setdefault(rule.withdrawal_kind, []).append((rule, "withdraw"))
        for kind in rule.removal_kind_list():
            table.setdefault(kind, []).append((rule, "remove"))
    return table


def _users_by_actor(actors: set[str]):
    """Pseudonym → active user. Users who have none stored yet get theirs computed once."""
    known = dict(Pseudonym.objects.filter(actor__in=actors).values_list("actor", "user_id"))
    if set(actors) - set(known):
        fresh = (
            get_user_model().objects.exclude(pk__in=Pseudonym.objects.values("user_id")).only("pk")
        )
        rows = [Pseudonym(user=user, actor=actor_pseudonym(user)) for user in fresh.iterator()]
        Pseudonym.objects.bulk_create(rows, ignore_conflicts=True)
        known.update({row.actor: row.user_id for row in rows if row.actor in actors})
    users = get_user_model().objects.in_bulk(set(known.values()))
    return {actor: users[user_id] for actor, user_id in known.items() if user_id in users}


def _on_grant(rule: Rule, event: Event, user) -> None:
    if user is None or not user.is_active or event.payload.get("earns") is False:
        return  # an event may say it earns nothing (a referral before the ambassador's count)
    if rule.approved_first and event.payload.get("status") not in PUBLIC_STATUSES:
        Pending.objects.get_or_create(
            event_id=event.id,
            defaults={
                "rule": rule,
                "user": user,
                "subject_type": event.subject_type,
                "subject_id": event.subject_id,
            },
        )
        return
    grant(rule=rule, user=user, event=event)


def _on_approve(rule: Rule, event: Event, _actor) -> None:
    """The approving event's actor is the moderator: the points go to the writer held."""
    waiting = Pending.objects.filter(
        rule=rule, subject_type=event.subject_type, subject_id=event.subject_id
    ).select_related("user")
    for pending in waiting:
        grant(rule=rule, user=pending.user, event=event, event_id=pending.event_id)
        pending.delete()


def _on_withdraw(rule: Rule, event: Event, user) -> None:
    if user is None:
        return
    outstanding = _outstanding(rule, event).filter(user=user)
    for held in outstanding:
        revoke(held, event=event)


def _on_remove(rule: Rule, event: Event, _actor) -> None:
    Pending.objects.filter(
        rule=rule, subject_type=event.subject_type, subject_id=event.subject_id
    ).delete()
    for held in _outstanding(rule, event):
        revoke(held, event=event)


_HANDLERS = {
    "grant": _on_grant,
    "approve": _on_approve,
    "withdraw": _on_withdraw,
    "remove": _on_remove,
}


def _outstanding(rule: Rule, event: Event):
    return Grant.objects.filter(
        rule=rule,
        subject_type=event.subject_type,
        subject_id=event.subject_id,
        revoked_at__isnull=True,
    ).select_related("transaction")


def grant(*, rule: Rule, user, event: Event, event_id: int | None = None) -> Grant | None:
    """Give the rule's points for the event once, within the daily cap and while the person
    holds no grant for the same subject. `event_id` is the event that earned them (the writing,
    for content approved later). Returns the grant, or None when nothing was given."""
    event_id = event_id or event.id
    if Grant.objects.filter(event_id=event_id).exists():
        return None
    if Grant.objects.filter(
        rule=rule,
        user=user,
        subject_type=event.subject_type,
        subject_id=event.subject_id,
        revoked_at__isnull=True,
    ).exists():
        return None
    day = timezone.localdate(event.occurred_at)
    if rule.daily_cap and (
        Grant.objects.filter(rule=rule, user=user, day=day, revoked_at__isnull=True).count()
        >= rule.daily_cap
    ):
        return None
    posted, _created = post(
        key=f"points.grant:{event_id}",
        kind="points.grant",
        memo=rule.action,
        legs=[(issuing_account(), -rule.points), (person_account(user), rule.points)],
    )
    return Grant.objects.create(
        rule=rule,
        user=user,
        subject_type=event.subject_type,
        subject_id=event.subject_id,
        event_id=event_id,
        points=rule.points,
        day=day,
        transaction=posted,
    )


def revoke(held: Grant, *, event: Event) -> None:
    """Take the grant's points back with a reversing transaction (never a deletion). Points
    already spent cannot be taken back: the reversal then takes what is left on the account and
    the rest stays spent (docs/points.md, "Decisions")."""
    key = f"points.revoke:{held.pk}"
    try:
        reversal, _created = reverse(
            original=held.transaction, key=key, kind="points.revoke", memo=held.rule.action
        )
    except InsufficientFunds:
        account = person_account(held.user)
        left = min(account.balance, held.points)
        reversal = None
        if left:
            reversal, _created = post(
                key=key,
                kind="points.revoke",
                memo=held.rule.action,
                legs=[(account, -left), (issuing_account(), left)],
            )
    held.revoked_at = event.occurred_at
    held.revocation = reversal
    held.save(update_fields=["revoked_at", "revocation"])
