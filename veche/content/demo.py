"""The information side of the demo portal: seed 000's sections as pages («Наша Югра»,
«Доступные ресурсы», «Многовековая Югра» with named authors, public councils, media literacy,
the citizens' budget), thirty news items, forty-odd questions and answers by category, events
around today and materials. Idempotent: found by natural keys (path, title, question)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from veche.core.sanitize import sanitize_html
from veche.territory.models import Municipality

from .demo_kb import KB, RELATED
from .demo_news import EVENTS, MATERIALS, NEWS, NEWS_BODY, THEMES
from .demo_pages import SECTIONS
from .models import (
    Event,
    KbCategory,
    KbEntry,
    Material,
    News,
    OpenGovernmentMember,
    Page,
    Status,
    Theme,
)


def seed() -> None:
    now = timezone.now()
    places = {m.name: m for m in Municipality.objects.all()}
    _pages(now)
    _news(now, places)
    _kb(now)
    _events(now, places)
    _materials(now)
    _open_government(places)


# Municipalities that joined open government (seed 000's map), with what each practises.
OPEN_GOVERNMENT = {
    "Сургут": (
        date(2016, 3, 1),
        "Инициативное бюджетирование, общественные обсуждения, прямые линии главы",
    ),
    "Ханты-Мансийск": (
        date(2016, 3, 1),
        "Открытые данные, сообщения о проблемах, публичные слушания онлайн",
    ),
    "Нижневартовск": (date(2016, 9, 15), "Народный бюджет, голосования за объекты благоустройства"),
    "Нягань": (date(2017, 2, 1), "Сообщения о проблемах, опросы жителей"),
    "Урай": (date(2017, 5, 22), "Идеи жителей, детский досуг, общественный совет"),
    "Когалым": (date(2018, 1, 15), "Инициативное бюджетирование"),
}


def _open_government(places) -> None:
    for name, (joined, practices) in OPEN_GOVERNMENT.items():
        municipality = places.get(name) or next(
            (m for n, m in places.items() if n.startswith(name)), None
        )
        if municipality is not None:
            OpenGovernmentMember.objects.update_or_create(
                municipality=municipality,
                defaults={"joined_on": joined, "practices": practices},
            )


def _published(now, days_ago: float = 30) -> dict:
    return {"status": Status.PUBLISHED, "published_at": now - timedelta(days=days_ago)}


def _page(path, parent, slug, title, lead, body, byline, order, now, in_menu=False):
    page, _ = Page.objects.update_or_create(
        path=path,
        defaults={
            "parent": parent,
            "slug": slug,
            "title": title,
            "lead": lead,
            "body": sanitize_html(body),
            "byline": byline,
            "order": order,
            "in_menu": in_menu,
            **_published(now),
        },
    )
    return page


def _pages(now) -> None:
    for order, section in enumerate(SECTIONS):
        top = _page(
            section["slug"], None, section["slug"], section["title"], section["lead"],
            section["body"], "", order, now, in_menu=True,
        )  # fmt: skip
        for child_order, (slug, title, byline, body) in enumerate(section["children"]):
            _page(f"{top.path}/{slug}", top, slug, title, "", body, byline, child_order, now)


def _news(now, places) -> None:
    themes = {}
    for order, name in enumerate(THEMES):
        themes[name], _ = Theme.objects.get_or_create(name=name, defaults={"order": order})
    for index, (title, theme, place, lead) in enumerate(NEWS):
        News.objects.update_or_create(
            title=title,
            defaults={
                "lead": lead,
                "body": sanitize_html(NEWS_BODY.format(lead=lead)),
                "theme": themes[theme],
                "municipality": places.get(place) if place else None,
                **_published(now, days_ago=index * 2.5 + 0.2),
            },
        )
    # One scheduled item: invisible to guests until tomorrow morning.
    News.objects.update_or_create(
        title="Завтра откроется голосование за проекты благоустройства",
        defaults={
            "lead": "Голосование продлится две недели.",
            "body": "<p>Голосование продлится две недели.</p>",
            "theme": themes["Инициативное бюджетирование"],
            "status": Status.PUBLISHED,
            "published_at": now + timedelta(days=1),
        },
    )


def _kb(now) -> None:
    entries = {}
    for order, (category_name, pairs) in enumerate(KB.items()):
        category, _ = KbCategory.objects.get_or_create(
            name=category_name, defaults={"order": order}
        )
        for position, (question, answer) in enumerate(pairs):
            entries[question], _ = KbEntry.objects.update_or_create(
                question=question,
                defaults={
                    "category": category,
                    "answer": sanitize_html(answer),
                    "order": position,
                    **_published(now),
                },
            )
    for first, second in RELATED:
        entries[first].related.add(entries[second])


def _events(now, places) -> None:
    today = timezone.localdate()
    for title, days, hour, hours, place, municipality, online in EVENTS:
        start = timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hour)))
        Event.objects.update_or_create(
            title=title,
            defaults={
                "starts_at": start,
                "ends_at": start + timedelta(hours=hours),
                "place": place,
                "municipality": places.get(municipality) if municipality else None,
                "online_url": online,
                "description": f"<p>{title}. Вход свободный, приглашаются все желающие.</p>",
                **_published(now, days_ago=20),
            },
        )


def _materials(now) -> None:
    for index, (kind, title, body) in enumerate(MATERIALS):
        Material.objects.update_or_create(
            title=title,
            defaults={"kind": kind, "body": sanitize_html(body), **_published(now, 60 - index)},
        )
