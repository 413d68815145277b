"""Demo data of the expert commission (issue 13, point 1), through the services: in «Народный
бюджет Сургута — 2026» (public voting now, expert evaluation in ten days) the organizer seats a
chair (agency-head@demo.veche) and an expert (expert@demo.veche) and assigns them every admitted
application, all to all. `manage.py budgeting_demo_ca` then gives both a certificate of a demo CA
to sign the sheet with (docs/budgeting-signatures.md)."""

from veche.accounts.models import User

from .models import CommissionMember, Contest
from .services import commission

CONTEST = "Народный бюджет Сургута — 2026"
SEATS = (("agency-head@demo.veche", "chair"), ("expert@demo.veche", "expert"))


def seed() -> None:
    contest = Contest.objects.filter(title=CONTEST).first()
    if contest is None or contest.commission.exists():
        return
    from veche.staff.models import Role, RoleAssignment

    organizer = (
        RoleAssignment.objects.filter(role=Role.MUNICIPAL_ADMIN, municipality=contest.municipality)
        .select_related("user")
        .first()
    )
    if organizer is None:
        return
    for email, role in SEATS:
        person = User.objects.filter(email=email).first()
        if person is not None:
            commission.member_add(user=organizer.user, contest=contest, person=person, role=role)
    if CommissionMember.objects.filter(contest=contest).exists():
        commission.assign(user=organizer.user, contest=contest)


def demo_experts() -> list[User]:
    """The people who sign sheets in the demo: every expert and chair of a commission."""
    return list(
        User.objects.filter(commission_seats__role__in=("expert", "chair"))
        .distinct()
        .order_by("pk")
    )
