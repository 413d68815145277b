"""What the points app keeps of a resident: his points history (the ledger's entries on his
account) and his orders — exported. On deletion his orders still waiting are cancelled (points
and items come back) and he leaves the rewards desk; the ledger keeps every entry, so every
balance stays true, under the anonymised account (docs/points.md, "Personal data")."""

from veche.accounts.privacy import json_value

from . import selectors
from .models import DeskMember, Pending
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
    }


def deletion_hook(user) -> None:
    orders_cancel_for_deleted_account(user)
    Pending.objects.filter(user=user).delete()
    DeskMember.objects.filter(user=user).delete()
