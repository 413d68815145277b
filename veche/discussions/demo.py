# ruff: noqa: E501 — the demo drafts are prose, kept one sentence a line to read as text
"""Demo discussions: drafts of Yugra's authorities in every period — open (one with a second
version), upcoming, closed with answers being written, and closed with a published final report —
with several hundred comments on sections and passages, proposals, replies, likes and ratings, so
the pages look in use (docs/demo.md). Drafts are made through the services (create, publish, new
version, answers, report); the residents' comments and ratings are written in bulk with the
counters they change. No notices go out (`notices_off`).

Idempotent: a draft's natural key is its title; a draft that exists is skipped. The residents
are `resident<n>.discussions.demo@demo.veche` (no password). Organizers: `admin@demo.veche`,
the municipal admins of Surgut and Urai (staff's demo personas)."""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from veche.accounts.models import User
from veche.agencies.models import Agency
from veche.comments.models import Comment, CommentLike
from veche.territory.models import Municipality

from . import services
from .commenting import DRAFT_KIND, SECTION_KIND
from .events import notices_off
from .models import Draft, DraftComment, Rating, Section, SectionVersion
from .services import DraftIn, SectionEdit

RESIDENTS = 450
RESIDENT_EMAIL = "resident{n:03d}.discussions.demo@demo.veche"


@dataclass
class DemoDraft:
    title: str
    summary: str
    organizer: str  # the persona's e-mail
    municipality: str | None
    agency: str  # the start of the agency's name
    days: tuple[int, int]  # opens, closes, in days from now (negative: past)
    sections: list[tuple[str, str]]
    comments: int = 0
    ratings: int = 0
    report: bool = False  # closed with a published final report
    answered: float = 1.0  # share of proposals answered (closed drafts)
    new_version: bool = False


def _rules_sections(city: str) -> list[tuple[str, str]]:
    return [
        (
            "Общие положения",
            f"Настоящие Правила устанавливают требования к благоустройству территории {city}, порядок содержания объектов благоустройства и участия жителей в этой работе.",
        ),
        (
            "Содержание дворовых территорий",
            "Уборка дворовых территорий производится ежедневно до 8 часов утра. Снег с проездов вывозится в течение суток после окончания снегопада.\n\nКонтейнерные площадки очищаются не реже одного раза в сутки.",
        ),
        (
            "Озеленение",
            "Газоны скашиваются при высоте травы более 15 сантиметров. Посадка деревьев во дворах согласуется с собственниками помещений.",
        ),
        (
            "Детские и спортивные площадки",
            "Оборудование площадок осматривается не реже одного раза в месяц. Покрытие площадок должно быть травмобезопасным.",
        ),
        (
            "Освещение",
            "Дворовые территории, пешеходные дорожки и остановки освещаются в тёмное время суток. Неисправный светильник заменяется в течение трёх суток.",
        ),
        (
            "Вывески и реклама",
            "Вывески размещаются на фасаде в пределах первого этажа. Размещение рекламы на ограждениях не допускается.",
        ),
        (
            "Зимнее содержание",
            "Тротуары посыпаются противогололёдными материалами с 7 часов утра. Сосульки с кровель удаляются в течение суток после обнаружения.",
        ),
        (
            "Ответственность",
            "За нарушение настоящих Правил виновные лица несут ответственность в соответствии с законодательством автономного округа.",
        ),
    ]


DRAFTS = [
    DemoDraft(
        "Правила благоустройства территории города Сургута",
        "Новая редакция правил благоустройства: уборка дворов, освещение, зимнее содержание. Администрация города просит жителей оценить проект и предложить свои формулировки.",
        "municipal-admin@demo.veche",
        "Сургут",
        "Администрация города Сургута",
        (-10, 20),
        _rules_sections("города Сургута"),
        comments=220,
        ratings=420,
        new_version=True,
    ),
    DemoDraft(
        "Государственная программа «Развитие транспортной системы Югры» на 2027–2031 годы",
        "Программа определяет строительство и ремонт дорог, обновление автобусного парка и развитие авиасообщения между городами округа.",
        "admin@demo.veche",
        None,
        "Департамент дорожного хозяйства",
        (-5, 25),
        [
            (
                "Паспорт программы",
                "Цель программы — доступная и безопасная транспортная система для жителей всех муниципалитетов округа.",
            ),
            (
                "Автомобильные дороги",
                "До 2031 года будет отремонтировано 1 200 километров региональных дорог. Приоритет — подъезды к сельским поселениям.",
            ),
            (
                "Общественный транспорт",
                "Автобусный парк обновляется на 40 процентов. Новые автобусы оборудуются низким полом и системой оповещения остановок.",
            ),
            (
                "Авиасообщение",
                "Субсидируются рейсы между Ханты-Мансийском, Сургутом, Нижневартовском и Советским.",
            ),
            (
                "Речные перевозки",
                "Сохраняются пассажирские перевозки по Оби и Иртышу в период навигации.",
            ),
            (
                "Безопасность дорожного движения",
                "Устанавливаются пешеходные переходы с подсветкой вблизи всех школ округа.",
            ),
        ],
        comments=160,
        ratings=380,
    ),
    DemoDraft(
        "Схема размещения нестационарных торговых объектов города Урая",
        "Места для киосков, павильонов и сезонной торговли на 2027 год.",
        "municipal-admin-urai@demo.veche",
        "Урай",
        "Администрация города Урая",
        (-60, -30),
        [
            (
                "Общие положения",
                "Схема определяет места размещения нестационарных торговых объектов на территории города Урая.",
            ),
            ("Микрорайон 1", "Павильоны размещаются у остановок «Универсам» и «Школа № 2»."),
            (
                "Микрорайон 2",
                "Сезонная торговля овощами и ягодами разрешается на площадке у рынка.",
            ),
            ("Набережная", "Летние кафе размещаются на набережной реки Конды с мая по сентябрь."),
        ],
        comments=90,
        ratings=260,
        report=True,
    ),
    DemoDraft(
        "Порядок предоставления субсидий на капитальный ремонт многоквартирных домов",
        "Кто и на каких условиях получает субсидию на капремонт, какие документы нужны.",
        "admin@demo.veche",
        None,
        "Департамент жилищно-коммунального комплекса",
        (-90, -45),
        [
            (
                "Общие положения",
                "Субсидия предоставляется товариществам собственников жилья и управляющим организациям.",
            ),
            (
                "Условия предоставления",
                "Дом должен быть включён в региональную программу капитального ремонта. Собственники принимают решение на общем собрании.",
            ),
            (
                "Документы",
                "Заявка подаётся с протоколом общего собрания, сметой и актом обследования дома.",
            ),
            ("Контроль", "Приёмка работ проводится с участием представителя собственников."),
        ],
        comments=120,
        ratings=300,
        report=True,
    ),
    DemoDraft(
        "Программа развития событийного туризма в Югре",
        "Фестивали, маршруты выходного дня и поддержка гидов.",
        "admin@demo.veche",
        None,
        "Департамент культуры",
        (-40, -3),
        [
            ("Цели", "Увеличить турпоток в округ на 30 процентов к 2030 году."),
            (
                "Фестивали",
                "Ежегодные фестивали: «Югорская лыжня», День оленевода, этнофестиваль «Югра — мой дом».",
            ),
            (
                "Маршруты",
                "Создаются маршруты выходного дня к этнографическим музеям под открытым небом.",
            ),
        ],
        comments=60,
        ratings=150,
        answered=0.5,
    ),
    DemoDraft(
        "Концепция благоустройства набережной Нижневартовска",
        "Зоны отдыха, велодорожки и освещение набережной.",
        "admin@demo.veche",
        "Нижневартовск",
        "Администрация города Нижневартовска",
        (7, 37),
        [
            ("Зоны отдыха", "На набережной появятся три зоны отдыха с навесами и скамейками."),
            ("Велодорожки", "Велодорожка протяжённостью 4 километра пройдёт вдоль реки."),
        ],
    ),
]

OPENINGS = [
    "Поддерживаю, давно пора.",
    "Непонятно, кто будет контролировать исполнение.",
    "Хорошо бы указать конкретные сроки.",
    "В нашем районе это не работает уже несколько лет.",
    "Прошу учесть интересы маломобильных жителей.",
    "Сроки нереальные, подрядчики не успеют.",
    "Предлагаю обсудить этот пункт на публичных слушаниях.",
    "Формулировка слишком общая, её можно трактовать по-разному.",
    "Согласен с этим разделом полностью.",
    "А где финансирование на это?",
]
REPLIES = [
    "Согласен с вами.",
    "Не соглашусь: в соседнем городе так и сделали, работает.",
    "Поддерживаю вопрос, тоже хотелось бы знать.",
    "Уточните, пожалуйста, о каком районе речь.",
]
WORDINGS = [
    "Заменить «в течение суток» на «в течение 12 часов».",
    "Добавить: «с обязательным уведомлением жителей за три дня».",
    "Изложить пункт в редакции: «по согласованию с советом дома».",
    "Исключить этот пункт.",
    "Дополнить: «с учётом потребностей маломобильных граждан».",
]
REASONS = [
    "Противоречит федеральному законодательству.",
    "Не обеспечено финансированием в текущем году.",
    "Учтено в другом разделе проекта.",
    "Требует дополнительного обсуждения с управляющими компаниями.",
]


def seed() -> int:
    """Make the drafts that do not exist yet; return how many."""
    organizers = {u.email: u for u in User.objects.filter(email__endswith="@demo.veche")}
    if "admin@demo.veche" not in organizers:
        return 0
    residents = _residents()
    places = {m.name: m for m in Municipality.objects.all()}
    existing = set(Draft.objects.values_list("title", flat=True))
    rng = random.Random(2027)
    made = 0
    with notices_off():
        for demo in DRAFTS:
            if demo.title in existing or (demo.municipality and demo.municipality not in places):
                continue
            organizer = organizers.get(demo.organizer) or organizers["admin@demo.veche"]
            _draft(demo, organizer, places.get(demo.municipality), residents, rng)
            made += 1
    return made


def _residents() -> list[User]:
    emails = [RESIDENT_EMAIL.format(n=n) for n in range(1, RESIDENTS + 1)]
    have = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    rng = random.Random(11)
    first = ["Анна", "Олег", "Мария", "Иван", "Елена", "Сергей", "Дарья", "Павел", "Ирина", "Артём"]
    last = ["Иванова", "Петров", "Сидорова", "Кузнецов", "Смирнова", "Попов", "Орлова", "Соколов"]
    now, unusable = timezone.now(), make_password(None)
    User.objects.bulk_create(
        [
            User(
                email=email,
                first_name=rng.choice(first),
                last_name=rng.choice(last),
                email_confirmed_at=now,
                personal_data_consent_at=now,
                password=unusable,
            )
            for email in emails
            if email not in have
        ]
    )
    return list(User.objects.filter(email__in=emails).order_by("pk"))


def _draft(demo: DemoDraft, organizer, municipality, residents, rng) -> Draft:
    now = timezone.now()
    agency = Agency.objects.filter(name__startswith=demo.agency).first()
    opens = now + timedelta(days=demo.days[0])
    closes = now + timedelta(days=demo.days[1])
    sections = [SectionEdit(None, heading, text) for heading, text in demo.sections]
    # Created with a period open now (the services check rules by the calendar), moved after.
    draft = services.draft_create(
        user=organizer,
        data=DraftIn(
            title=demo.title,
            summary=demo.summary,
            agency=agency,
            municipality=municipality,
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=30),
        ),
        sections=sections,
    )
    services.draft_publish(user=organizer, draft=draft)
    if demo.comments:
        _comments(draft, residents, rng, demo.comments)
    if demo.new_version:
        _second_version(draft, organizer)
    if demo.ratings:
        _ratings(draft, residents, rng, demo.ratings)
    Draft.objects.filter(pk=draft.pk).update(opens_at=opens, closes_at=closes, published_at=opens)
    draft.refresh_from_db()
    if closes < now:
        _answer(draft, organizer, rng, demo)
    return draft


@transaction.atomic
def _comments(draft: Draft, residents, rng, count: int) -> None:
    """`count` published comments: most on sections (a third quoting a passage, a quarter
    proposals), some on the whole draft, with replies and likes."""
    sections = list(Section.objects.filter(draft=draft))
    wordings = {w.section_id: w.text for w in SectionVersion.objects.filter(section__draft=draft)}
    now = timezone.now()
    moment = now - timedelta(days=9)
    tops: list[Comment] = []
    for _n in range(count):
        moment += timedelta(minutes=rng.randint(5, 60))
        section = rng.choice(sections) if rng.random() < 0.85 else None
        parent = rng.choice(tops) if tops and rng.random() < 0.25 else None
        if parent is not None:
            section = _section_of(parent, sections)
        kind, target = (SECTION_KIND, section.pk) if section else (DRAFT_KIND, draft.pk)
        comment = Comment.objects.create(
            target_kind=kind,
            target_id=target,
            municipality_id=draft.municipality_id,
            author=rng.choice(residents),
            parent=parent,
            depth=parent.depth + 1 if parent else 0,
            text=rng.choice(REPLIES if parent else OPENINGS),
            status=Comment.Status.PUBLISHED,
            published_at=min(moment, now),
        )
        Comment.objects.filter(pk=comment.pk).update(created_at=min(moment, now))
        if parent is None and comment.depth == 0:
            tops.append(comment)
        passage = ""
        if section and parent is None and rng.random() < 0.35:
            words = wordings[section.pk].split()
            start = rng.randrange(max(1, len(words) - 4))
            passage = " ".join(words[start : start + 4])
        proposal = parent is None and rng.random() < 0.25
        DraftComment.objects.create(
            comment=comment,
            draft=draft,
            section=section,
            passage=passage,
            is_proposal=proposal,
            wording=rng.choice(WORDINGS) if proposal else "",
        )
        likers = [
            u for u in rng.sample(residents, k=rng.randint(0, 6)) if u.pk != comment.author_id
        ]
        CommentLike.objects.bulk_create([CommentLike(comment=comment, user=u) for u in likers])
        Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + len(likers))


def _section_of(comment: Comment, sections) -> Section | None:
    if comment.target_kind == DRAFT_KIND:
        return None
    return next(s for s in sections if s.pk == comment.target_id)


def _second_version(draft: Draft, organizer) -> None:
    current = list(SectionVersion.objects.filter(section__draft=draft).order_by("position"))
    edits = []
    for row in current:
        text = row.text.replace("в течение суток", "в течение 12 часов").replace(
            "не реже одного раза в месяц", "не реже двух раз в месяц"
        )
        if row.heading == "Вывески и реклама":
            continue  # removed in version 2: its comments stay under «раздел удалён»
        edits.append(SectionEdit(row.section_id, row.heading, text))
    edits.append(
        SectionEdit(
            None, "Участие жителей", "Жители участвуют в приёмке работ по благоустройству дворов."
        )
    )
    services.version_publish(
        user=organizer,
        draft=draft,
        sections=edits,
        note="Учтены предложения жителей о сроках уборки",
    )


@transaction.atomic
def _ratings(draft: Draft, residents, rng, count: int) -> None:
    """Ratings by `count` demo residents, with the counters the service would have kept."""
    users = rng.sample(residents, k=min(count, len(residents)))
    values = rng.choices(["support", "neutral", "oppose"], weights=[5, 2, 3], k=len(users))
    rows = [
        Rating(draft=draft, user=user, value=value)
        for user, value in zip(users, values, strict=False)
    ]
    Rating.objects.bulk_create(rows)
    Draft.objects.filter(pk=draft.pk).update(
        support_count=values.count("support"),
        neutral_count=values.count("neutral"),
        oppose_count=values.count("oppose"),
    )


def _answer(draft: Draft, organizer, rng, demo: DemoDraft) -> None:
    proposals = list(services.proposals(draft).order_by("pk"))
    for note in proposals[: int(len(proposals) * demo.answered)]:
        outcome = rng.choice(["accepted", "partial", "rejected", "rejected"])
        reason = rng.choice(REASONS) if outcome != "accepted" else ""
        services.proposal_answer(user=organizer, note=note, outcome=outcome, reason=reason)
    if demo.report:
        services.report_publish(
            user=organizer,
            draft=draft,
            summary="Спасибо всем участникам. Учтённые предложения вошли в итоговую редакцию документа.",
        )
