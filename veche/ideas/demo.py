"""Demo ideas: three in every municipality, walked through the services into every status, with a
drawn photo each, supports of the demo residents, progress updates with photos, a duplicate
merged, a few of the demo year's reports turned into ideas, and comments on the ideas open to
them (docs/demo.md). No notices go out (`notices_off`): this is a past nobody waits to hear of.
The moments are moved back afterwards so the list looks lived in.

Idempotent: an idea's natural key is its author and client token `demo-idea-<municipality>-<n>`;
a municipality that has its demo ideas is skipped. Staff: the demo moderator of each
municipality (reports' demo year), an admin `admin.<slug>.demo@demo.veche` and the official of
its administration.
"""

import io
import random
from datetime import timedelta
from functools import cache
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from veche.accounts.models import User
from veche.agencies.models import Agency
from veche.comments.demo import demo_comments
from veche.reports.models import Category, Report
from veche.reports.models import Status as ReportStatus
from veche.staff.models import Role, RoleAssignment
from veche.supports.services import give_support
from veche.territory.models import Municipality

from . import demo_campaigns, services
from .discussion import COMMENTABLE, KIND
from .events import notices_off
from .models import Idea, IdeaRejectionReason, IdeaTimelineEntry, Status
from .services.supports import IDEA_SUPPORTS

PER_MUNICIPALITY = 3
TOKEN = "demo-idea-{slug}-{n}"
REPORTS_TURNED = 3

REJECTION_REASONS = [
    ("not-an-idea", "Это не предложение, а сообщение о проблеме: подайте его как сообщение"),
    ("offensive", "Текст содержит ненормативную лексику или оскорбления"),
    ("not-authority", "Предложение не относится к полномочиям органов власти"),
    ("third-party-data", "Содержит персональные данные третьих лиц"),
]

# (category slug, title, text)
IDEAS = [
    (
        "yards",
        "Сквер на месте пустыря",
        "Предлагаю разбить сквер с лавочками и клумбами на пустыре между домами.",
    ),
    (
        "roads",
        "Велодорожка вдоль набережной",
        "Проложить велодорожку вдоль набережной и поставить велопарковки у остановок.",
    ),
    (
        "yards",
        "Площадка для выгула собак",
        "Огородить площадку для выгула собак в стороне от детских площадок.",
    ),
    (
        "transport",
        "Табло прибытия автобусов",
        "Установить на остановках табло с временем прибытия автобусов.",
    ),
    (
        "ecology",
        "Пункты раздельного сбора",
        "Поставить во дворах контейнеры для раздельного сбора пластика и бумаги.",
    ),
    (
        "education",
        "Кружок робототехники",
        "Открыть бесплатный кружок робототехники для школьников в доме культуры.",
    ),
    (
        "social",
        "Пандусы у поликлиники",
        "Сделать пандусы и поручни у входа в поликлинику для маломобильных граждан.",
    ),
    ("yards", "Зимний каток во дворе", "Заливать каток во дворе школы с декабря по март."),
    (
        "roads",
        "Пешеходный переход у школы",
        "Сделать освещённый пешеходный переход с «лежачим полицейским» у школы.",
    ),
    (
        "health",
        "Аптечный киоск в посёлке",
        "Открыть аптечный пункт в посёлке, чтобы не ездить за лекарствами в город.",
    ),
    ("housing", "Лавочки у подъездов", "Поставить лавочки и урны у подъездов домов на улице Мира."),
    (
        "ecology",
        "Аллея выпускников",
        "Высаживать каждый год аллею деревьев силами выпускников школ.",
    ),
]
# How far each demo idea gets, in turn: every status appears.
OUTCOMES = [
    "published",
    "considered",
    "taken",
    "implemented",
    "declined",
    "submitted",
    "taken",
    "rejected",
    "merged",
    "implemented",
    "published",
]
DECLINED = (
    "В текущем году средства на это не предусмотрены; вернёмся к идее при формировании бюджета."
)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PROGRESS = ["Подготовлен проект, определён подрядчик.", "Работы начаты, выполнено около половины."]


def seed() -> int:
    """Seed every municipality without demo ideas; return how many ideas were made."""
    for order, (code, text) in enumerate(REJECTION_REASONS):
        IdeaRejectionReason.objects.update_or_create(
            code=code, defaults={"text": text, "order": order, "is_active": True}
        )
    categories = {c.slug: c for c in Category.objects.filter(is_active=True)}
    residents = list(
        User.objects.filter(email__endswith=".demo@demo.veche", email__startswith="resident")
    )
    if not categories or len(residents) < 10:
        return 0
    done = set(
        Idea.objects.filter(client_token__startswith="demo-idea-").values_list(
            "municipality_id", flat=True
        )
    )
    made = 0
    with notices_off():
        for index, municipality in enumerate(
            Municipality.objects.exclude(pk__in=done).order_by("pk")
        ):
            made += _municipality(municipality, index, categories, residents)
        _turn_reports()
    # Two crowdsourcing campaigns (demo_campaigns.py), with the same drawn pictures as covers.
    made += demo_campaigns.seed(photo=_photo)
    # The shared comments' demo skips an idea that has its comments already.
    discussed = Idea.objects.filter(status__in=COMMENTABLE).order_by("pk")
    demo_comments(KIND, discussed, residents)
    return made


def _staff(role: str, email: str, **scope) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        now = timezone.now()
        user = User(
            email=email,
            last_name="Сотрудник",
            first_name="Демо",
            personal_data_consent_at=now,
            email_confirmed_at=now,
        )
        user.set_unusable_password()
        user.save()
    RoleAssignment.objects.get_or_create(user=user, role=role, **scope)
    return user


def _municipality(municipality: Municipality, index: int, categories, residents) -> int:
    administration = Agency.objects.filter(administers=municipality, is_active=True).first()
    if administration is None:
        return 0
    slug = municipality.slug
    moderator = _staff(
        Role.MODERATOR, f"moderator.{slug}.demo@demo.veche", municipality=municipality
    )
    admin = _staff(Role.MUNICIPAL_ADMIN, f"admin.{slug}.demo@demo.veche", municipality=municipality)
    official = _staff(
        Role.OFFICIAL, f"official.{administration.pk}.demo@demo.veche", agency=administration
    )
    rng = random.Random(f"veche-ideas-{slug}")
    made = []
    for n in range(1, PER_MUNICIPALITY + 1):
        turn = index * PER_MUNICIPALITY + n - 1
        slug_, title, text = IDEAS[turn % len(IDEAS)]
        category = categories.get(slug_) or next(iter(categories.values()))
        author = rng.choice(residents)
        with transaction.atomic():
            idea = services.idea_submit(
                author=author,
                title=title,
                text=text,
                category=category,
                municipality=municipality,
                lat=municipality.centre_lat + rng.uniform(-0.01, 0.01),
                lon=municipality.centre_lon + rng.uniform(-0.01, 0.01),
                photos=[_photo(title, f"{slug}-{n}")],
                client_token=TOKEN.format(slug=slug, n=n),
            )
            outcome = OUTCOMES[turn % len(OUTCOMES)]
            _walk(
                idea,
                outcome,
                rng,
                moderator=moderator,
                admin=admin,
                official=official,
                agency=administration,
                earlier=made,
            )
            if idea.status in (
                Status.PUBLISHED,
                Status.UNDER_CONSIDERATION,
                Status.TAKEN,
                Status.IMPLEMENTED,
            ):
                pool = [r for r in residents if r.pk != author.pk]
                for supporter in rng.sample(pool, rng.choice([2, 5, 8, 13, 21])):
                    give_support(IDEA_SUPPORTS, user=supporter, item=idea)
            _backdate(idea, days=rng.uniform(5, 300))
        made.append(idea)
    return len(made)


def _walk(idea, outcome: str, rng, *, moderator, admin, official, agency, earlier) -> None:
    if outcome == "submitted":
        return
    if outcome == "rejected":
        reason = IdeaRejectionReason.objects.order_by("order").first()
        services.idea_reject(user=moderator, idea=idea, reason=reason)
        return
    if outcome == "merged" and earlier:
        into = next(
            (
                i
                for i in earlier
                if i.status in (Status.PUBLISHED, Status.UNDER_CONSIDERATION, Status.TAKEN)
            ),
            None,
        )
        if into is not None:
            services.ideas_merge(user=moderator, duplicate=idea, into=into)
            idea.refresh_from_db()
            return
    services.idea_publish(user=moderator, idea=idea)
    if outcome == "published":
        return
    services.idea_consider(user=admin, idea=idea)
    if outcome == "considered" or outcome == "merged":
        return
    if outcome == "declined":
        services.idea_decline(
            user=admin,
            idea=idea,
            reason=DECLINED,
        )
        return
    services.idea_take(
        user=admin,
        idea=idea,
        agency=agency,
        planned_date=timezone.localdate() + timedelta(days=rng.randint(30, 240)),
        answer="Идея поддержана: работы включены в план благоустройства.",
    )
    for number, text in enumerate(PROGRESS):
        services.idea_add_progress(
            user=official, idea=idea, text=text, photos=[_photo(text, f"{idea.pk}-p{number}")]
        )
    if outcome == "implemented":
        services.idea_implement(
            user=official, idea=idea, note="Работы завершены и приняты, спасибо за идею!"
        )
    idea.refresh_from_db()


def _backdate(idea: Idea, *, days: float) -> None:
    """Move the idea's moments back by `days`, keeping their order, steps a few days apart: each
    timeline entry, the progress update it tells of and the status dates it stands for."""
    start = timezone.now() - timedelta(days=days)
    entries = list(idea.timeline.order_by("created_at", "pk"))
    step = timedelta(days=days) / (len(entries) + 1)
    dates = {"created_at": start, "updated_at": start + step * len(entries)}
    fields = {Status.PUBLISHED: "published_at", Status.TAKEN: "taken_at"}
    fields[Status.IMPLEMENTED] = "implemented_at"
    for number, entry in enumerate(entries):
        moment = start + step * number
        IdeaTimelineEntry.objects.filter(pk=entry.pk).update(created_at=moment)
        if entry.progress_id:
            idea.progress.filter(pk=entry.progress_id).update(created_at=moment)
        if entry.status_to in fields:
            dates[fields[entry.status_to]] = moment
    Idea.objects.filter(pk=idea.pk).update(**dates)


def _turn_reports() -> None:
    """A few routed reports of the demo year are proposals: their moderators make them ideas."""
    if Idea.objects.filter(from_report__isnull=False).exists():
        return
    reports = (
        Report.objects.filter(client_token__startswith="year-", status=ReportStatus.ROUTED)
        .select_related("municipality")
        .order_by("pk")[:REPORTS_TURNED]
    )
    for report in reports:
        moderator = User.objects.filter(
            email=f"moderator.{report.municipality.slug}.demo@demo.veche"
        ).first()
        if moderator is not None:
            services.report_to_idea(user=moderator, report=report)


def _photo(label: str, seed: str) -> SimpleUploadedFile:
    """A drawn park scene (sky, grass, trees, a bench) with the words on a band."""
    rng = random.Random(seed)
    image = Image.new("RGB", (640, 480), rng.choice(["#a9d0f5", "#bcd8ee", "#cfe2f3"]))
    draw = ImageDraw.Draw(image)
    horizon = rng.randint(230, 280)
    draw.rectangle((0, horizon, 640, 480), fill=rng.choice(["#6aa84f", "#78b35a", "#93c47d"]))
    for _ in range(rng.randint(2, 5)):
        x = rng.randint(20, 580)
        draw.rectangle((x + 16, horizon - 40, x + 26, horizon + 20), fill="#7f6000")
        draw.ellipse((x - 10, horizon - 110, x + 52, horizon - 30), fill="#38761d")
    x = rng.randint(120, 420)
    draw.rectangle((x, horizon + 60, x + 140, horizon + 72), fill="#8b4513")
    draw.rectangle((x + 10, horizon + 72, x + 18, horizon + 100), fill="#5b3a1a")
    draw.rectangle((x + 122, horizon + 72, x + 130, horizon + 100), fill="#5b3a1a")
    _label(draw, label)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=72)
    return SimpleUploadedFile(f"{seed}.jpg", out.getvalue(), content_type="image/jpeg")


@cache
def _font():
    return ImageFont.truetype(str(FONT), 22) if FONT.is_file() else None


def _label(draw, text: str) -> None:
    draw.rectangle((0, 434, 640, 480), fill="#1f2933")
    if _font() is not None:  # without a Cyrillic font the band stays without words
        draw.text(
            (16, 444), text if len(text) <= 48 else text[:47] + "…", fill="#ffffff", font=_font()
        )
