"""What community keeps of a resident: his virtual capital and gifts, his projects — exported.
On deletion the gifts and the ledger's entries stay (the projects' sums stay true) under the
anonymised account; his projects still collecting return their capital and close."""

from veche.accounts.privacy import json_value
from veche.ledger.models import Currency, Kind
from veche.ledger.selectors import balance_of

from .services import owner_projects_close


def export_section(user) -> dict:
    return {
        "capital": balance_of(currency=Currency.CAPITAL, kind=Kind.PERSONAL, owner=user),
        "gifts": [
            {
                "project": gift.project_id,
                "amount": gift.amount,
                "at": json_value(gift.created_at),
                "returned_at": json_value(gift.returned_at),
            }
            for gift in user.capital_gifts.order_by("pk")
        ],
        "projects": [
            {"id": p.pk, "title": p.title, "goal": p.goal, "status": p.status}
            for p in user.community_projects.order_by("pk")
        ],
    }


def deletion_hook(user) -> None:
    owner_projects_close(user)
