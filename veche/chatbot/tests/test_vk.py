"""The bot in VK (Callback API): the `confirmation` request is answered with the configured
string, every event's `secret` field is checked (else 403, nothing done), a private
`message_new` gets the same `reply` as Telegram through the fake sender — answers and filing
alike — and `VkSender` calls `messages.send` with a `random_id`."""

import json
from urllib.parse import parse_qs

import pytest
from django.utils.translation import gettext as _

from veche.chatbot import adapters
from veche.chatbot.models import MessengerChat, MessengerLink

pytestmark = pytest.mark.django_db
URL = "/chat/vk/"
SECRET = "vk-secret-789"


@pytest.fixture(autouse=True)
def vk(settings):
    settings.CHATBOT_VK_SECRET = SECRET
    settings.CHATBOT_VK_CONFIRMATION = "a1b2c3d4"
    settings.SITE_URL = "https://veche.example"
    adapters.outbox.clear()
    yield
    adapters.outbox.clear()


def _event(text: str, *, peer: int = 5005, secret: str = SECRET) -> dict:
    message = {"id": 7, "peer_id": peer, "from_id": peer, "text": text, "attachments": []}
    return {"type": "message_new", "group_id": 1, "secret": secret, "object": {"message": message}}


def _post(client, body):
    return client.post(URL, body, content_type="application/json")


def test_the_confirmation_is_answered_with_the_configured_string(client, settings):
    answer = _post(client, {"type": "confirmation", "group_id": 1, "secret": SECRET})
    assert answer.status_code == 200 and answer.content == b"a1b2c3d4"
    assert _post(client, {"type": "confirmation", "group_id": 1}).status_code == 403
    assert _post(client, {"type": "confirmation", "secret": "guess"}).status_code == 403
    settings.CHATBOT_VK_SECRET = ""
    assert _post(client, {"type": "confirmation", "secret": ""}).status_code == 404


def test_a_message_is_answered_through_the_same_reply(client, world):
    answer = _post(client, _event("как востановить пароль"))
    assert answer.status_code == 200 and answer.content == b"ok"
    [sent] = adapters.outbox
    assert sent["messenger"] == "vk" and sent["chat_id"] == "5005"
    assert "Как восстановить пароль?: https://veche.example/help/" in sent["text"]


def test_a_wrong_secret_a_group_chat_and_other_events_do_nothing(client, world):
    assert _post(client, _event("пароль", secret="guess")).status_code == 403
    assert _post(client, _event("пароль", peer=2_000_000_001)).content == b"ok"
    assert _post(client, {"type": "message_reply", "secret": SECRET, "object": {}}).content == b"ok"
    bad = client.post(URL, "not json", content_type="application/json")
    assert bad.status_code == 400
    assert adapters.outbox == []


def test_a_linked_vk_chat_files_through_the_same_steps(client, world):
    MessengerLink.objects.create(messenger="vk", chat_id="5005", user=world.resident)
    _post(client, _event("/report"))
    [sent] = adapters.outbox
    assert _("Step 1 of 4. Choose the topic of the problem.") in sent["text"]
    assert MessengerChat.objects.get().messenger == "vk"


def test_vk_sender_calls_messages_send_with_a_random_id(monkeypatch, settings):
    settings.CHATBOT_VK_TOKEN = "vk-token"
    calls = []

    class Answer:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self, *_args):
            return json.dumps({"response": 1}).encode()

    def urlopen(request, timeout):
        calls.append(request)
        return Answer()

    monkeypatch.setattr(adapters.urllib.request, "urlopen", urlopen)
    adapters.VkSender().send(messenger="vk", chat_id="5005", text="Здравствуйте")
    [request] = calls
    assert request.full_url == "https://api.vk.com/method/messages.send"
    sent = parse_qs(request.data.decode())
    assert sent["peer_id"] == ["5005"] and sent["message"] == ["Здравствуйте"]
    assert sent["access_token"] == ["vk-token"] and int(sent["random_id"][0]) != 0
    assert "v" in sent


def test_the_default_adapter_sends_by_messenger(monkeypatch):
    seen = []
    monkeypatch.setattr(adapters.TelegramSender, "send", lambda self, **kw: seen.append("tg"))
    monkeypatch.setattr(adapters.VkSender, "send", lambda self, **kw: seen.append("vk"))
    adapters.BySender().send(messenger="vk", chat_id="1", text="a")
    adapters.BySender().send(messenger="telegram", chat_id="1", text="a")
    assert seen == ["vk", "tg"]
