"""The bot in Telegram: the webhook checks its address's secret and Telegram's secret-token
header, answers from the same matcher through the swappable sender (a fake here), tells a
report's status, and links a chat to an account with a one-time code from the cabinet — once,
before it expires — after which the author reads more of his own report."""

from datetime import timedelta

import pytest
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.chatbot import adapters, services
from veche.chatbot.models import LinkCode, MessengerLink
from veche.reports.models import Status
from veche.reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db
SECRET, TOKEN = "path-secret-123", "header-token-456"
URL = f"/chat/telegram/{SECRET}/"


@pytest.fixture(autouse=True)
def telegram(settings):
    settings.CHATBOT_TELEGRAM_WEBHOOK_SECRET = SECRET
    settings.CHATBOT_TELEGRAM_SECRET_TOKEN = TOKEN
    settings.SITE_URL = "https://veche.example"
    adapters.outbox.clear()
    yield
    adapters.outbox.clear()


def _update(text: str, chat: int = 1001, kind: str = "private") -> dict:
    return {
        "update_id": 1,
        "message": {"message_id": 5, "chat": {"id": chat, "type": kind}, "text": text},
    }


def _post(client, update, *, url=URL, token=TOKEN):
    return client.post(
        url,
        update,
        content_type="application/json",
        headers={"X-Telegram-Bot-Api-Secret-Token": token},
    )


def _reply() -> str:
    [sent] = adapters.outbox
    adapters.outbox.clear()
    return sent["text"]


def test_the_webhook_refuses_a_wrong_secret_and_says_nothing(client, world, settings):
    assert _post(client, _update("пароль"), url="/chat/telegram/guess/").status_code == 404
    assert _post(client, _update("пароль"), token="guess").status_code == 403
    assert _post(client, _update("пароль"), token="").status_code == 403
    settings.CHATBOT_TELEGRAM_WEBHOOK_SECRET = ""
    assert client.post("/chat/telegram//").status_code == 404
    assert adapters.outbox == []


def test_a_question_is_answered_from_the_knowledge_base(client, world):
    assert _post(client, _update("как востановить пароль")).status_code == 200
    [sent] = adapters.outbox
    assert sent["chat_id"] == "1001" and sent["messenger"] == "telegram"
    assert "Как восстановить пароль?: https://veche.example/help/" in sent["text"]
    assert "восстанов" in sent["text"]  # why: the words that matched


def test_what_is_not_a_private_text_message_is_ignored(client, world):
    assert _post(client, {"update_id": 2, "edited_message": {}}).status_code == 200
    assert _post(client, _update("пароль", kind="group")).status_code == 200
    assert (
        client.post(
            URL,
            "not json",
            content_type="application/json",
            headers={"X-Telegram-Bot-Api-Secret-Token": TOKEN},
        ).status_code
        == 400
    )
    assert adapters.outbox == []


def test_a_code_from_the_cabinet_links_the_chat_once(client, world):
    report = ReportFactory(author=world.resident, status=Status.SUBMITTED)
    _post(client, _update(str(report.pk)))
    unlinked = _reply()
    assert "Опубликованного сообщения с таким номером нет" in unlinked
    client.force_login(world.resident)
    page = client.post("/chat/link/")
    code = page.context["code"]
    assert page["Cache-Control"] == "no-store" and code in page.content.decode()
    assert LinkCode.objects.get().digest != code  # only the hash is kept
    client.logout()
    _post(client, _update(f"/start {code}"))
    assert _reply() in (
        "This chat is linked to your portal account.",
        "Этот чат привязан к вашей учётной записи на портале.",
    )
    link = MessengerLink.objects.get()
    assert link.user == world.resident and link.chat_id == "1001"
    _post(client, _update(f"/link {code}", chat=2002))  # spent
    assert MessengerLink.objects.count() == 1
    _reply()
    _post(client, _update(f"№ {report.pk}"))
    assert f"№ {report.pk}" in _reply()  # the author, linked, reads his own report


def test_an_expired_code_links_nothing(client, world):
    code = services.link_code_issue(user=world.resident)
    LinkCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert services.messenger_link(messenger="telegram", chat_id="1", code=code) is None
    assert not MessengerLink.objects.exists() and not LinkCode.objects.exists()


def test_the_cabinet_lists_and_unlinks_the_chats(client, world):
    other = MessengerLink.objects.create(messenger="telegram", chat_id="9", user=UserFactory())
    mine = MessengerLink.objects.create(messenger="telegram", chat_id="8", user=world.resident)
    client.force_login(world.resident)
    page = client.get("/accounts/cabinet/").content.decode()
    assert "/chat/link/" in page and f"/chat/link/{mine.pk}/unlink/" in page
    assert client.post(f"/chat/link/{other.pk}/unlink/").status_code == 404
    client.post(f"/chat/link/{mine.pk}/unlink/")
    assert list(MessengerLink.objects.all()) == [other]
