"""The chatbot's page: answers from the knowledge base with its reasons (without JavaScript and
with HTMX), tells a public report's status by its number and nothing private, answers a number
that does not exist, is not a number or belongs to an unpublished report alike, and files a
report step by step through the reports' filing service."""

import pytest
from django.urls import reverse

from veche.reports.models import Report
from veche.reports.models.report import Channel, Status
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory

pytestmark = pytest.mark.django_db
URL = "/chat/"


def _say(client, text, **extra):
    return client.post(URL, {"text": text, **extra}, follow=True).content.decode()


def _last_reply(client) -> dict:
    return client.session["chatbot"]["log"][-1]


def test_a_question_gets_the_knowledge_base_answer_and_why(client, world):
    page = _say(client, "как востановить пароль")
    reply = _last_reply(client)
    assert reply["who"] == "bot" and reply["links"][0][0] == "Как восстановить пароль?"
    assert "восстанов" in reply["why"]
    assert "Как восстановить пароль?" in page
    htmx = client.post(URL, {"text": "как голосовать в опросах"}, headers={"HX-Request": "true"})
    assert htmx.status_code == 200 and "<html" not in htmx.content.decode()
    assert _last_reply(client)["links"][0][0] == "Как проголосовать в опросе?"


def test_when_unsure_it_says_so_and_offers_the_knowledge_base(client, world):
    _say(client, "фыва олдж")
    reply = _last_reply(client)
    assert [url for _label, url in reply["links"]] == [reverse("content:kb")]
    assert "не уверен" in reply["text"]


def test_a_public_reports_status_without_anything_private(client, world):
    report = RoutedReportFactory(
        municipality=world.surgut,
        topic=world.topic,
        text="Секретный текст с телефоном 89001234567",
        address="ул. Тайная, 1",
    )
    _say(client, f"статус {report.pk}")
    reply = _last_reply(client)
    assert f"№ {report.pk} · Ямы на дороге" in reply["text"]
    flat = str(client.session["chatbot"]["log"])
    for private in ("89001234567", "Тайная", report.author.email, report.author.last_name):
        assert private not in flat
    assert "due" not in reply["text"] and "срок" not in reply["text"]


def test_missing_unpublished_and_non_numbers_get_the_same_answer(client, world):
    pending = ReportFactory(municipality=world.surgut, topic=world.topic, status=Status.SUBMITTED)
    answers = set()
    for text in (f"№ {pending.pk}", "статус 99999999", "статус сообщения абв", "№ 0"):
        _say(client, text)
        answers.add(_last_reply(client)["text"])
    assert len(answers) == 1
    client.force_login(pending.author)  # the author sees his own
    _say(client, f"№ {pending.pk}")
    assert f"№ {pending.pk}" in _last_reply(client)["text"]


def test_a_resident_files_a_report_step_by_step(client, world):
    assert "/accounts/login/" in str(_guest_tries_to_file(client))
    client.force_login(world.resident)
    client.post(URL, {"action": "file"})
    client.post(URL, {"action": "step", "topic": "abc"})  # refused, nothing moves
    assert client.session["chatbot"]["filing"]["step"] == "topic"
    client.post(URL, {"action": "step", "topic": world.topic.pk})
    client.post(URL, {"action": "step", "place": "ленина"})
    assert client.session["chatbot"]["filing"]["places"]
    client.post(URL, {"action": "step", "choice": "0"})
    client.post(URL, {"action": "step", "text": "   "})  # the filing service's own refusal
    assert _last_reply(client)["text"] in ("Опишите проблему.", "Describe the problem.")
    client.post(URL, {"action": "step", "text": "я" * 5001})  # refused, never cut
    assert "5000" in _last_reply(client)["text"]
    assert client.session["chatbot"]["filing"]["step"] == "text"
    client.post(URL, {"action": "step", "text": "Глубокая яма у остановки, машины объезжают"})
    assert Report.objects.count() == 0
    client.post(URL, {"action": "step"})
    report = Report.objects.get()
    assert report.author == world.resident and report.channel == Channel.CHATBOT
    assert report.topic == world.topic and "Ленина" in report.address
    assert f"№ {report.pk}" in _last_reply(client)["text"]
    assert "filing" not in client.session["chatbot"]


def _guest_tries_to_file(client):
    client.post(URL, {"action": "file"})
    return _last_reply(client)["links"]


def test_the_topics_are_the_web_forms_and_the_services_refusal_is_said(client, world):
    from veche.reports.filter_choices import topic_choices
    from veche.reports.tests.factories import TopicFactory

    later = TopicFactory(name="Аварийное дерево", category=world.topic.category, order=9)
    needs_photo = TopicFactory(
        name="Брошенный автомобиль", category=world.topic.category, order=0, photos_required=True
    )
    client.force_login(world.resident)
    client.post(URL, {"action": "file"})
    page = client.get(URL).content.decode()
    web = [name for _group, topics in topic_choices() for _pk, name in topics]
    assert web.index(later.name) > web.index(needs_photo.name)
    assert page.index(later.name) > page.index(needs_photo.name)  # the web form's order
    client.post(URL, {"action": "step", "topic": needs_photo.pk})
    client.post(URL, {"action": "step", "place": "ленина"})
    client.post(URL, {"action": "step", "choice": "0"})
    client.post(URL, {"action": "step", "text": "Машина стоит год"})
    client.post(URL, {"action": "step"})
    assert Report.objects.count() == 0
    assert "photo" in _last_reply(client)["text"] or "фото" in _last_reply(client)["text"]
    assert client.session["chatbot"]["filing"]["step"] == "photo"
