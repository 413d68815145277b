"""Demo groups and applications (docs/budgeting.md, "Demo"): in Surgut's contest an initiative
group of the demo resident with applications in every status — a draft, one submitted, one on
revision with a remark, two admitted (public), one rejected; in the regional contest Surgut's
application submitted by its municipal admin and Urai's draft. Everything through the
services, while the contest's applications stage is open (its stages are moved there for the
moment, then back), with no notices sent."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from veche.accounts.models import User

from .models import (
    Application,
    Contest,
    ContestStage,
    GroupMember,
    InitiativeGroup,
    RejectionReason,
)
from .services import applications as service
from .services import review
from .services.groups import group_create
from .stages import APPLICATIONS

DAY = timezone.timedelta(days=1)

DIRECTIONS = (
    "Благоустройство дворов",
    "Детские и спортивные площадки",
    "Дороги и тротуары",
    "Культура и память",
    "Освещение",
)

SURGUT_PROJECTS = [
    # (title, status, cost, residents' share in ₽, direction, beneficiaries)
    ("Детская площадка во дворе на Ленина, 43", "admitted", 2400000, 180000, 1, 640),
    ("Освещение тропы к школе № 12", "admitted", 1350000, 90000, 4, 1200),
    ("Сквер памяти на улице Энтузиастов", "rejected", 3200000, 250000, 3, 3000),
    ("Спортивная площадка в мкр. 35", "revision", 2900000, 150000, 1, 900),
    ("Ремонт тротуара на Быстринской", "submitted", 1800000, 100000, 2, 2100),
    ("Цветник у дома культуры «Строитель»", "draft", 600000, 40000, 0, 300),
    ("Хоккейная коробка в мкр. 20А", "admitted", 2750000, 160000, 1, 1500),
    ("Скамейки и урны на набережной Чернореченской", "admitted", 950000, 60000, 3, 5000),
    ("Пандус и поручни у поликлиники № 4", "admitted", 700000, 50000, 2, 800),
    ("Площадка для выгула собак в мкр. 40", "admitted", 1200000, 80000, 3, 2000),
]
REGIONAL = [
    (
        "Сургут",
        "municipal-admin@demo.veche",
        "Благоустройство набережной Чернореченской",
        "submitted",
    ),
    ("Урай", "municipal-admin-urai@demo.veche", "Экотропа в парке «Солнечный»", "draft"),
]


def _pdf() -> bytes:
    """A small well-formed PDF (one empty page), as veche.media accepts."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n"
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _file(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _pdf(), content_type="application/pdf")


def seed(contests: dict[str, Contest]) -> None:
    surgut = contests.get("Народный бюджет Сургута — 2026")
    if surgut is not None and not surgut.applications.exists():
        _with_applications_open(surgut, lambda: _surgut(surgut))
    regional = contests.get("Инициативное бюджетирование Югры — 2027")
    if regional is not None and not regional.applications.exists():
        _with_applications_open(regional, lambda: _regional(regional))


def _with_applications_open(contest: Contest, work) -> None:
    """Run `work` with the applications stage open now, then put the stages back."""
    stages = list(contest.stages.order_by("position"))
    saved = [(s.pk, s.starts_at, s.ends_at) for s in stages]
    now = timezone.now()
    for offset, stage in enumerate(stages):
        start = now - DAY if stage.kind == APPLICATIONS else now + (offset + 1) * 10 * DAY
        ContestStage.objects.filter(pk=stage.pk).update(starts_at=start, ends_at=start + 5 * DAY)
    try:
        work()
    finally:
        for pk, start, end in saved:
            ContestStage.objects.filter(pk=pk).update(starts_at=start, ends_at=end)


def _answers(direction: int, beneficiaries: int, cost: int, title: str) -> dict:
    return {
        "field-1": title,
        "field-2": (
            "Сейчас здесь нет ничего удобного для жителей. Предлагаем сделать проект по эскизу, "
            "согласованному на собрании; содержать его будет управляющая компания."
        ),
        "field-3": DIRECTIONS[direction],
        "field-4": "61.2540, 73.3962",
        "field-5": str(cost),
        "field-6": str(beneficiaries),
    }


def _money(contest: Contest, cost: int, residents: int) -> service.Money:
    amounts = {
        s: Decimal(0) for s in ("region", "municipality", "residents", "businesses", "in_kind")
    }
    share_key = "region" if contest.is_regional else "municipality"
    amounts["residents"] = Decimal(residents)
    amounts[share_key] = Decimal(cost - residents)
    if contest.is_regional:
        amounts["municipality"] = Decimal(cost) * Decimal("0.10")
        amounts["region"] -= amounts["municipality"]
    return service.Money(Decimal(cost), amounts)


def _write(user, application, contest, cost, residents, direction, beneficiaries, status):
    service.application_save(
        user=user,
        application=application,
        title=application.title,
        answers=_answers(direction, beneficiaries, cost, application.title),
        money_in=_money(contest, cost, residents),
        uploads={"field-8": _file("protocol.pdf"), "field-10": _file("consents.pdf")}
        if status != "draft"
        else {},
    )


def _surgut(contest: Contest) -> None:
    leader = User.objects.filter(email="resident@demo.veche").first()
    member = User.objects.filter(email="verified@demo.veche").first()
    reviewer = User.objects.filter(email="expert@demo.veche").first()
    organizer = contest.organizer
    if leader is None or member is None or reviewer is None:
        return
    group = InitiativeGroup.objects.filter(name="Соседи с улицы Ленина").first()
    if group is None:
        group = group_create(
            user=leader, name="Соседи с улицы Ленина", municipality=contest.municipality
        )
        GroupMember.objects.get_or_create(group=group, user=member)
    review.reviewer_add(user=organizer, contest=contest, reviewer=reviewer)
    reason = RejectionReason.objects.get(code="not-municipal")
    for title, status, cost, residents, direction, beneficiaries in SURGUT_PROJECTS:
        application = service.application_start(
            user=member, contest=contest, kind=Application.Kind.GROUP, group=group, title=title
        )
        _write(member, application, contest, cost, residents, direction, beneficiaries, status)
        if status == "draft":
            continue
        service.application_submit(user=leader, application=application)
        if status == "revision":
            review.application_request_revision(
                user=reviewer,
                application=application,
                remarks={"field-5": "Приложите смету: стоимость не подтверждена."},
            )
        elif status == "admitted":
            review.application_admit(
                user=reviewer,
                application=application,
                checked=set(contest.checklist.values_list("pk", flat=True)),
            )
        elif status == "rejected":
            review.application_reject(
                user=reviewer,
                application=application,
                reason=reason,
                note="Земельный участок относится к региональной собственности.",
            )


def _regional(contest: Contest) -> None:
    from veche.territory.models import Municipality

    for name, email, title, status in REGIONAL:
        admin = User.objects.filter(email=email).first()
        municipality = Municipality.objects.filter(name=name).first()
        if admin is None or municipality is None:
            continue
        application = service.application_start(
            user=admin,
            contest=contest,
            kind=Application.Kind.MUNICIPALITY,
            municipality=municipality,
            title=title,
        )
        _write(admin, application, contest, 5000000, 150000, 0, 4000, status)
        if status == "submitted":
            service.application_submit(user=admin, application=application)
