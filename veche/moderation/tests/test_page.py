"""The moderation page: what it lists, who opens it, and how each action reaches the source."""

import re
from dataclasses import replace

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from veche.moderation.registry import register_source, unregister_source

from .fakes import KIND, FakeKind

URL = "/moderation/"
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def approve_url(item_id: int, kind: str = KIND) -> str:
    return f"/moderation/{kind}/{item_id}/approve/"


def reject_url(item_id: int, kind: str = KIND) -> str:
    return f"/moderation/{kind}/{item_id}/reject/"


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_lists_the_items_the_source_returns_with_counts(as_user, world, things):
    first = things.add(world.surgut, photo_url="/static/core/favicon.svg", flags=["3 complaints"])
    second = things.add(world.surgut)
    things.add(world.urai)  # not this moderator's

    response = as_user(world.moderator).get(URL)

    assert response.status_code == 200
    assert [item for item, _form in response.context["cards"]] == [first, second]
    [tab] = response.context["tabs"]
    assert (tab.label, tab.count, tab.current) == ("things", 2, True)
    html = response.content.decode()
    assert "A bench is broken 1" in html and "A bench is broken 3" not in html
    assert 'src="/static/core/favicon.svg"' in html
    assert "3 complaints" in html and "Anna K." in html
    assert f'action="{approve_url(first.id)}"' in html
    assert '<option value="spam">Spam</option>' in html


def test_urai_moderator_sees_only_urai(as_user, world, things):
    things.add(world.surgut)
    urai = things.add(world.urai)

    response = as_user(world.urai_moderator).get(URL)

    assert [item for item, _form in response.context["cards"]] == [urai]


def test_items_of_another_kind_are_never_shown(as_user, world, things):
    things.add(world.surgut)
    things.extra.append(replace(things.add(world.urai), kind="other.kind", id=99))

    response = as_user(world.region_moderator).get(URL)

    assert [item.id for item, _form in response.context["cards"]] == [1, 2]


def test_tabs_per_kind_switch_the_list(as_user, world, things):
    others = FakeKind(kind="tests.other")
    others.add(world.surgut, title="Other")
    register_source(others.source(label="others", order=1))
    things.add(world.surgut)
    things.add(world.surgut)
    try:
        client = as_user(world.moderator)
        first = client.get(URL)
        chosen = client.get(URL, {"kind": KIND})
    finally:
        unregister_source("tests.other")

    assert [(t.label, t.count, t.current) for t in first.context["tabs"]] == [
        ("others", 1, True),
        ("things", 2, False),
    ]
    assert [item.title for item, _form in first.context["cards"]] == ["Other 1"]
    assert [t.current for t in chosen.context["tabs"]] == [False, True]
    assert len(chosen.context["cards"]) == 2
    assert 'href="?kind=tests.thing"' in first.content.decode()


def test_an_empty_kind_shows_the_empty_state(as_user, world, things):
    response = as_user(world.moderator).get(URL)
    assert response.context["cards"] == []
    assert "Здесь ничего не ждёт" in response.content.decode()


def test_approve_calls_the_source_and_redirects_back(as_user, world, things):
    item = things.add(world.surgut)
    client = as_user(world.moderator)

    response = client.post(approve_url(item.id), {"next": f"{URL}?kind={KIND}&page=1"})

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?kind={KIND}&page=1"
    assert things.calls == [("approve", world.moderator.pk, item.id)]
    assert messages_of(client.get(response["Location"])) == ["Одобрено."]


def test_reject_passes_the_chosen_reason_and_note(as_user, world, things):
    item = things.add(world.surgut)
    client = as_user(world.moderator)

    response = client.post(reject_url(item.id), {"reason": "personal", "note": "  phone  "})

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?kind={KIND}"
    assert things.calls == [("reject", world.moderator.pk, item.id, "personal", "phone")]
    assert messages_of(client.get(response["Location"])) == ["Отклонено: Personal data."]


@pytest.mark.parametrize("reason", ["", "made-up"])
def test_reject_without_a_listed_reason_calls_nothing(as_user, world, things, reason):
    item = things.add(world.surgut)
    client = as_user(world.moderator)

    response = client.post(reject_url(item.id), {"reason": reason}, follow=True)

    assert things.calls == []
    assert messages_of(response) == ["Выберите причину из списка."]


def test_a_source_may_word_its_own_success(as_user, world, things):
    item = things.add(world.surgut)
    things.approve = lambda user, item_id: "Идея опубликована."
    unregister_source(KIND)
    register_source(things.source())

    response = as_user(world.moderator).post(approve_url(item.id), follow=True)

    assert messages_of(response) == ["Идея опубликована."]


@pytest.mark.parametrize(
    ("refusal", "message"),
    [
        (
            PermissionDenied("Вы не модерируете эту территорию."),
            "Вы не модерируете эту территорию.",
        ),
        (PermissionDenied(), "Вам нельзя это делать."),
        (ValidationError("Идея уже опубликована.", code="wrong_status"), "Идея уже опубликована."),
        (ValidationError({"reason": ["Причина устарела."]}), "Причина устарела."),
    ],
)
@pytest.mark.parametrize("action", ["approve", "reject"])
def test_a_refusal_becomes_a_russian_message(as_user, world, things, refusal, message, action):
    item = things.add(world.surgut)
    things.refusal = refusal
    url = approve_url(item.id) if action == "approve" else reject_url(item.id)

    response = as_user(world.moderator).post(url, {"reason": "spam"}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"{URL}?kind={KIND}"
    assert messages_of(response) == [message]


def test_an_item_gone_becomes_a_message(as_user, world, things):
    item = things.add(world.surgut)
    things.refusal = Http404()

    response = as_user(world.moderator).post(approve_url(item.id), follow=True)

    assert messages_of(response) == ["Этот материал больше не ждёт модерации."]


def test_an_item_of_another_territory_is_refused_by_the_source(as_user, world, things):
    urai = things.add(world.urai)

    response = as_user(world.moderator).post(approve_url(urai.id), follow=True)

    assert messages_of(response) == ["Вы не модерируете эту территорию."]


@pytest.mark.parametrize("who", ["resident", "official"])
def test_someone_without_the_role_or_items_gets_403(as_user, world, things, who):
    item = things.add(world.surgut)
    client = as_user(getattr(world, who))

    page = client.get(URL)
    action = client.post(approve_url(item.id))

    assert page.status_code == 403
    assert "Очередь модерации доступна только модераторам." in page.content.decode()
    assert action.status_code == 403
    assert things.calls == []


def test_someone_a_source_gives_items_may_open_the_page(as_user, world, things):
    things.extra.append(replace(things.add(world.urai), id=50))
    assert as_user(world.official).get(URL).status_code == 200


def test_a_guest_is_sent_to_log_in(client, world, things):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_unknown_kind_is_404_and_a_get_of_an_action_leads_back(as_user, world, things):
    client = as_user(world.moderator)
    assert client.post(approve_url(1, kind="no.such")).status_code == 404
    response = client.get(approve_url(1))
    assert response.status_code == 302 and response["Location"] == f"{URL}?kind={KIND}"
    assert things.calls == []


def test_actions_are_rate_limited_per_moderator(as_user, world, things, settings):
    settings.RATE_LIMIT_MODERATION = "2/600"
    item = things.add(world.surgut)
    client = as_user(world.moderator)
    for _ in range(2):
        client.post(approve_url(item.id))

    response = client.post(approve_url(item.id), follow=True)

    assert len(things.calls) == 2
    *_done, refused = messages_of(response)
    assert re.fullmatch(
        r"Слишком много действий модерации подряд\. Попробуйте снова через \d+ мин\.", refused
    )


def test_the_page_asks_a_constant_number_of_queries(as_user, world, things):
    client = as_user(world.moderator)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    things.add(world.surgut)
    few = count()
    for _ in range(30):
        things.add(world.surgut, flags=["2 complaints"], photo_url="/static/core/favicon.svg")
    assert count() == few


def test_the_english_page_is_complete(as_user, world, things):
    things.add(world.surgut, flags=["3 complaints"])
    world.moderator.first_name, world.moderator.last_name = "Anna", "Petrova"
    world.moderator.save()
    client = as_user(world.moderator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(URL).content.decode()

    assert '<html lang="en"' in html
    for allowed in (
        "Русский",
        settings.PORTAL_NAME,
        settings.REGION_NAME,
        settings.PORTAL_OPERATOR,
    ):
        html = html.replace(allowed, "")
    assert sorted({line.strip() for line in html.splitlines() if CYRILLIC.search(line)}) == []
    assert "Approve" in html and "Reject" in html and "Problem reports" in html


def test_the_staff_dashboard_links_the_page_with_counts(as_user, world, things):
    things.add(world.surgut)
    html = as_user(world.moderator).get("/staff/").content.decode()
    assert '<a href="/moderation/">Модерация: все виды материалов</a>' in html
    assert '<a href="/moderation/?kind=tests.thing">Things</a> — на модерации: 1' in html
