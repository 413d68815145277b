"""What community keeps of a resident: his virtual capital and gifts, his projects, his activist
profile and NGO memberships, the NGOs he registered, his grant applications (with the date of
birth asked there) and any freeze of his capital — exported. On deletion the gifts and the
ledger's entries stay (the projects' sums stay true) under the anonymised account; his projects
still collecting return their capital and close; his public profile closes (its memberships and
links go); the NGOs he registered stay without his name; the dates of birth are blanked."""

from veche.accounts.privacy import json_value
from veche.ledger.models import Currency, Kind
from veche.ledger.selectors import balance_of

from .models import CapitalFreeze, GrantApplication, Organization
from .services import activist_withdraw, owner_projects_close


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
        "activist_profile": _profile(user),
        "registered_ngos": [
            {"id": o.pk, "name": o.name, "status": o.status}
            for o in Organization.objects.filter(registered_by=user).order_by("pk")
        ],
        "grant_applications": [
            {
                "contest": g.grant_contest.contest_id,
                "application": g.application_id,
                "project": g.project_id,
                "direction": g.direction,
                "date_of_birth": json_value(g.date_of_birth),
            }
            for g in GrantApplication.objects.filter(applicant=user)
            .select_related("grant_contest")
            .order_by("pk")
        ],
        "capital_freezes": [
            {
                "reason": f.reason,
                "frozen_at": json_value(f.frozen_at),
                "lifted_at": json_value(f.lifted_at),
            }
            for f in CapitalFreeze.objects.filter(user=user).order_by("pk")
        ],
    }


def _profile(user) -> dict | None:
    activist = getattr(user, "activist", None)
    if activist is None:
        return None
    return {
        "name": activist.name,
        "about": activist.about,
        "municipality": activist.municipality_id,
        "direction": activist.direction,
        "status": activist.status,
        "memberships": list(activist.memberships.values_list("organization_id", flat=True)),
    }


def deletion_hook(user) -> None:
    owner_projects_close(user)
    activist_withdraw(user=user)
    Organization.objects.filter(registered_by=user).update(registered_by=None)
    GrantApplication.objects.filter(applicant=user).update(date_of_birth=None)
