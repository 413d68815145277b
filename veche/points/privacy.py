"""What the points app keeps of a resident: his points history (the ledger's entries on his
account) and his orders — exported. On deletion his orders still waiting are cancelled (points
and items come back) and he leaves the rewards desk; the ledger keeps every entry, so every
balance stays true, under the anonymised account (docs/points.md, "Personal data"). His referral
link and its counts are exported; the link goes with the account."""

from veche.accounts.privacy import json_value

from . import selectors
from .models import DeskMember, Invitation, Pending, Referral
from .services.orders import orders_cancel_for_deleted_account


def export_section(user) -> dict:
    return {
        "balance": selectors.balance(user),
        "history": [
            {
                "at": json_value(line.at),
                "amount": line.amount,
                "balance_after": line.balance_after,
                "kind": line.kind,
                "what": line.what,
            }
            for line in selectors.points_history(user, limit=10_000)
        ],
        "orders": [
            {
                "id": order.pk,
                "reward": order.reward.title,
                "price": order.price,
                "status": order.status,
                "ordered_at": json_value(order.created_at),
                "decided_at": json_value(order.decided_at),
            }
            for order in selectors.my_orders(user)
        ],
        "referrals": _referrals(user),
    }


def _referrals(user) -> dict:
    """His link and what it brought (counts, not the people), and whether a link brought him."""
    counts = selectors.my_referrals(user)
    invitation = Invitation.objects.filter(user=user).first()
    came = Referral.objects.filter(invited=user).first()
    return {
        "link_code": invitation.code if invitation else None,
        "registered": counts.registered,
        "confirmed": counts.confirmed,
        "registered_through_a_link_at": json_value(came.created_at) if came else None,
    }


def deletion_hook(user) -> None:
    orders_cancel_for_deleted_account(user)
    Pending.objects.filter(user=user).delete()
    DeskMember.objects.filter(user=user).delete()
    # His link stops working; the referrals stay, so what others' links brought stays counted.
    Invitation.objects.filter(user=user).delete()
