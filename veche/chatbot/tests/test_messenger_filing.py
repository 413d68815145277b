"""Filing a report from Telegram: a linked chat walks the page's own steps (topic → place →
text → photo) through the webhook — topics and places listed with numbers and chosen by number,
the text checked by the filing service's rule, a photo fetched through the (fake) messenger
adapter — and the report is filed by the reports' service with channel «chatbot». The state is
kept per chat, server-side, forgotten on /cancel, after inactivity and when filed; an unlinked
chat is told to link first; a photo that cannot be fetched gets a polite answer."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.accounts.tests.factories import UserFactory
from veche.chatbot import adapters, services
from veche.chatbot.models import MessengerChat, MessengerLink
from veche.media.tests.files import jpeg_bytes
from veche.reports.models import Report
from veche.reports.models.report import Channel

pytestmark = pytest.mark.django_db
SECRET, TOKEN = "path-secret-123", "header-token-456"
URL = f"/chat/telegram/{SECRET}/"
TEXT = "Глубокая яма у остановки, машины объезжают по встречной"


@pytest.fixture(autouse=True)
def telegram(settings):
    settings.CHATBOT_TELEGRAM_WEBHOOK_SECRET = SECRET
    settings.CHATBOT_TELEGRAM_SECRET_TOKEN = TOKEN
    settings.SITE_URL = "https://veche.example"
    adapters.outbox.clear()
    adapters.downloads.clear()
    yield
    adapters.outbox.clear()
    adapters.downloads.clear()


@pytest.fixture
def linked(world):
    return MessengerLink.objects.create(messenger="telegram", chat_id="1001", user=world.resident)


def _update(text: str | None = None, *, chat: int = 1001, photo: list | None = None) -> dict:
    message = {"message_id": 5, "chat": {"id": chat, "type": "private"}}
    if text is not None:
        message["text"] = text
    if photo is not None:
        message["photo"] = photo
    return {"update_id": 1, "message": message}


def _say(client, text=None, *, chat=1001, photo=None) -> str:
    """One update through the webhook; the bot's one reply to it."""
    response = client.post(
        URL,
        _update(text, chat=chat, photo=photo),
        content_type="application/json",
        headers={"X-Telegram-Bot-Api-Secret-Token": TOKEN},
    )
    assert response.status_code == 200
    [sent] = adapters.outbox
    adapters.outbox.clear()
    assert sent["chat_id"] == str(chat)
    return sent["text"]


def _step(chat: str = "1001") -> str | None:
    state = MessengerChat.objects.filter(chat_id=chat).first()
    return state.filing["step"] if state else None


def _to_photo_step(client) -> None:
    _say(client, "/report")
    _say(client, "1")
    _say(client, "ленина")
    _say(client, "1")
    _say(client, TEXT)
    assert _step() == "photo"


def test_a_linked_resident_files_a_report_in_six_messages(client, world, linked):
    topics = _say(client, "/report")
    assert _("Step 1 of 4. Choose the topic of the problem.") in topics
    assert f"1. {world.topic.category.name}: {world.topic.name}" in topics
    assert _step() == "topic"
    assert _("Step 2 of 4. Where is it? Type a street or a place.") in _say(client, "1")
    places = _say(client, "ленина")
    assert "1. " in places and "Ленина" in places and _step() == "place"
    assert _("Step 3 of 4. Describe the problem.") in _say(client, "1")
    assert "/send" in _say(client, TEXT)
    assert Report.objects.count() == 0  # nothing is filed before the last step
    filed = _say(client, "/send")
    report = Report.objects.get()
    assert report.author == world.resident and report.channel == Channel.CHATBOT
    assert report.topic == world.topic and "Ленина" in report.address and report.text == TEXT
    assert f"№ {report.pk}" in filed
    assert f"https://veche.example/reports/{report.pk}/" in filed  # links absolute
    assert not MessengerChat.objects.exists()  # filed: the state is gone


def test_an_unlinked_chat_is_told_to_link_first_and_cannot_file(client, world):
    answer = _say(client, "/report")
    assert "/link" in answer and "https://veche.example/accounts/cabinet/" in answer
    assert not MessengerChat.objects.exists()
    _say(client, "1")
    _say(client, "/send")
    assert Report.objects.count() == 0 and not MessengerChat.objects.exists()


def test_a_refusal_is_the_services_own_and_keeps_the_step(client, world, linked):
    _say(client, "/report")
    for wrong in ("7", "0", "ямы"):
        answer = _say(client, wrong)
        assert _("Choose a topic from the list.") in answer and world.topic.name in answer
        assert _step() == "topic"
    _say(client, "1")
    assert _("No such place found. Type the street's name.") in _say(client, "Несуществующая")
    assert _step() == "place"
    _say(client, "ленина")
    for wrong in ("9", "0"):
        assert _("Choose a place from the list.") in _say(client, wrong)
        assert _step() == "place"
    _say(client, "1")
    too_long = _say(client, "я" * 5001)
    assert too_long.startswith(
        _("The text is too long: at most %(max)d characters.") % {"max": 5000}
    )
    assert _step() == "text"
    assert Report.objects.count() == 0


def test_cancel_forgets_the_filing(client, world, linked):
    _say(client, "/report")
    _say(client, "1")
    assert _("Filing is cancelled. Ask me anything.") in _say(client, "/cancel")
    assert not MessengerChat.objects.exists()
    _say(client, "1")  # now a question again, not a topic
    assert not MessengerChat.objects.exists() and Report.objects.count() == 0


def test_one_chats_filing_is_not_seen_by_another(client, world, linked):
    MessengerLink.objects.create(messenger="telegram", chat_id="2002", user=world.resident)
    MessengerLink.objects.create(messenger="telegram", chat_id="3003", user=UserFactory())
    _say(client, "/report")
    for other in (2002, 3003):
        _say(client, "1", chat=other)
        assert _step(str(other)) is None
    assert _step() == "topic"


def test_a_filing_left_alone_expires(client, world, linked, settings):
    _say(client, "/report")
    _say(client, "1")
    old = timezone.now() - timedelta(minutes=settings.CHATBOT_MESSENGER_STATE_MINUTES + 1)
    MessengerChat.objects.update(updated_at=old)
    answer = _say(client, "ленина")  # a question now, not a place
    assert _("Send the place's number, or type another street.") not in answer
    MessengerLink.objects.create(messenger="telegram", chat_id="2002", user=UserFactory())
    _say(client, "/report", chat=2002)  # a filing begun anywhere prunes the expired ones
    assert list(MessengerChat.objects.values_list("chat_id", flat=True)) == ["2002"]
    assert Report.objects.count() == 0


def test_a_chat_moved_to_another_account_does_not_inherit_the_filing(client, world, linked):
    _say(client, "/report")
    _say(client, f"/link {services.link_code_issue(user=UserFactory())}")
    assert not MessengerChat.objects.exists()
    assert _("Step 2 of 4. Where is it? Type a street or a place.") not in _say(client, "1")
    _say(client, "/report")
    MessengerLink.objects.update(user=world.resident)  # moved behind the services' back
    assert _("Step 2 of 4. Where is it? Type a street or a place.") not in _say(client, "1")


def test_a_photo_goes_through_the_adapter_into_the_reports_media(client, world, linked):
    _to_photo_step(client)
    adapters.downloads["big-id"] = jpeg_bytes()
    photo = [
        {"file_id": "small-id", "file_unique_id": "s", "width": 90, "height": 67, "file_size": 900},
        {
            "file_id": "big-id",
            "file_unique_id": "b",
            "width": 800,
            "height": 600,
            "file_size": 9000,
        },
    ]
    filed = _say(client, photo=photo)
    report = Report.objects.get()
    assert f"№ {report.pk}" in filed and report.media.count() == 1
    assert report.author == world.resident


def test_a_photo_that_cannot_be_fetched_gets_a_polite_answer(client, world, linked, settings):
    _to_photo_step(client)
    missing = [{"file_id": "gone", "file_unique_id": "g", "width": 800, "height": 600}]
    unavailable = "The photo could not be received. Send it again, or /send to file without it."
    assert _(unavailable) in _say(client, photo=missing)
    huge = settings.MEDIA_MAX_PHOTO_MB * 1024 * 1024 + 1
    adapters.downloads["huge"] = b"\xff\xd8" + b"0" * 10
    too_big = [
        {"file_id": "huge", "file_unique_id": "h", "width": 9, "height": 9, "file_size": huge}
    ]
    assert f"{settings.MEDIA_MAX_PHOTO_MB}" in _say(client, photo=too_big)
    adapters.downloads["fake"] = b"MZ\x90\x00 not an image at all"
    fake = [{"file_id": "fake", "file_unique_id": "f", "width": 9, "height": 9}]
    _say(client, photo=fake)  # the media rules' refusal, said as it is
    assert Report.objects.count() == 0 and _step() == "photo"
    assert "/send" in _say(client, "что дальше?")  # text at the photo step: the hint
    _say(client, "/send")
    assert Report.objects.get().media.count() == 0


def test_a_repeated_send_files_one_report(client, world, linked):
    _to_photo_step(client)
    state = MessengerChat.objects.get()
    _say(client, "/send")
    state.save()  # a second /send raced the first and found the state before it was cleared
    _say(client, "/send")
    assert Report.objects.count() == 1


def test_a_steps_turn_costs_the_same_statements_whatever_the_topics(client, world, linked):
    """The webhook's cost of one step is pinned: the link, the state read, the rate limit's
    cache, the state written — not a query per topic or per place."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from veche.reports.tests.factories import TopicFactory

    _say(client, "/report")
    with CaptureQueriesContext(connection) as few:
        _say(client, "99")  # refused: the topics listed again
    TopicFactory.create_batch(5, category=world.topic.category)
    with CaptureQueriesContext(connection) as many:
        _say(client, "99")
    assert len(many) == len(few), [q["sql"] for q in many]
    print("statements of a refused topic step:", len(few))
    assert _step() == "topic"


def test_telegrams_adapter_fetches_a_photo_with_getfile_and_a_capped_download(
    monkeypatch, settings
):
    import json

    from veche.chatbot import adapters

    settings.CHATBOT_TELEGRAM_BOT_TOKEN = "123:abc"
    asked = []

    class Answer:
        def __init__(self, body):
            self.body = body

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self, limit=-1):
            return self.body if limit < 0 else self.body[:limit]

    def urlopen(request, timeout):
        url = getattr(request, "full_url", request)
        asked.append(url)
        if url.endswith("/getFile"):
            assert json.loads(request.data) == {"file_id": "big-id"}
            found = {"ok": True, "result": {"file_path": "photos/f 1.jpg"}}
            return Answer(json.dumps(found).encode())
        return Answer(b"0123456789")

    monkeypatch.setattr(adapters.urllib.request, "urlopen", urlopen)
    data = adapters.TelegramSender().fetch_photo(messenger="telegram", file_id="big-id", limit=4)
    assert data == b"0123"
    assert asked == [
        "https://api.telegram.org/bot123:abc/getFile",
        "https://api.telegram.org/file/bot123:abc/photos/f%201.jpg",
    ]

    def broken(request, timeout):
        raise OSError("network is down")

    monkeypatch.setattr(adapters.urllib.request, "urlopen", broken)
    with pytest.raises(adapters.PhotoUnavailable):
        adapters.TelegramSender().fetch_photo(messenger="telegram", file_id="x", limit=4)
