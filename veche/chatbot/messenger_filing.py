"""Filing a report from a messenger: the page's own steps (`conversation.start_filing`,
`filing_step`, `cancel_filing`) driven by a chat's plain messages. The topics and the places
are listed with numbers and chosen by number, the text goes to the filing service's rule, a
photo is fetched through the messenger's adapter (capped by the shared media rules) or `/send`
files without one; `/cancel` at any step. The filing under way is kept per chat between
webhook calls (`services.chat_filing`); the bot's new messages of the turn are the reply."""

import re
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _

from veche.core.forms import error_text
from veche.media import limits

from . import conversation, registry, services
from .adapters import Photo, PhotoUnavailable, get_sender
from .conversation import Message
from .plain import absolute, as_text

_CHOICE = re.compile(r"^\s*(?:№\s*)?(\d{1,4})\s*[.)]?\s*$")


def _number(text: str) -> int | None:
    found = _CHOICE.match(text or "")
    return int(found.group(1)) if found else None


def start(*, messenger: str, chat_id: str, user) -> str:
    """`/report`: a linked chat begins the page's filing; any other is told how to link."""
    if user is None:
        return _(
            "To file a report, link this chat to your portal account: take a code in your "
            "cabinet (%(url)s) and send /link CODE here."
        ) % {"url": absolute(reverse("accounts:cabinet"))}
    state = {"log": []}
    conversation.start_filing(state, user)
    return _finish(messenger=messenger, chat_id=chat_id, user=user, state=state, begun=True)


def turn(*, messenger: str, chat_id: str, user, command: str, text: str, photo: Photo | None):
    """The reply when the message belongs to the chat's filing under way (`/cancel` always
    does); None when there is none — the message is then a question."""
    filing = services.chat_filing(messenger=messenger, chat_id=chat_id, user=user) if user else {}
    if command == "/cancel":
        state = {"log": [], "filing": filing}
        conversation.cancel_filing(state)
        if not filing:
            return _text(state)
        return _finish(messenger=messenger, chat_id=chat_id, user=user, state=state)
    if not filing:
        return None
    state = {"log": [], "filing": filing}
    data, upload, topics = {}, None, None
    step = filing["step"]
    number = _number(text)
    if step == "topic":
        topics = _topics()
        data["topic"] = topics[number - 1][0] if number and number <= len(topics) else ""
    elif step == "place":
        if number is not None and filing.get("places"):
            data["choice"] = str(number - 1)
        else:
            data["place"] = text
    elif step == "text":
        data["text"] = text
    elif step == "photo":
        if photo is not None:
            try:
                upload = _fetch(messenger=messenger, photo=photo)
            except ValidationError as error:
                conversation.say(state, Message("bot", error_text(error)))
                return _finish(messenger=messenger, chat_id=chat_id, user=user, state=state)
        elif command != "/send":
            conversation.say(state, Message("bot", _("The report is not sent yet.")))
            return _finish(messenger=messenger, chat_id=chat_id, user=user, state=state)
    conversation.filing_step(state, user, data, upload)
    return _finish(messenger=messenger, chat_id=chat_id, user=user, state=state, topics=topics)


def _topics() -> list[tuple[int, str]]:
    flow = registry.filing()
    return flow.topics() if flow else []


def _fetch(*, messenger: str, photo: Photo) -> SimpleUploadedFile:
    """The photo through the messenger's adapter, refused by the shared media rules' size cap
    before the download when the messenger tells its size, and after it otherwise; a failed
    download is a polite refusal. The media rules check the rest when the report is filed."""
    cap = limits.max_mb("photo") * limits.MB
    name = f"{messenger}-photo.jpg"
    if photo.size:
        limits.check_size(SimpleNamespace(name=name, size=photo.size), "photo")
    try:
        data = get_sender().fetch_photo(messenger=messenger, file_id=photo.file_id, limit=cap + 1)
    except PhotoUnavailable:
        raise ValidationError(
            _("The photo could not be received. Send it again, or /send to file without it.")
        ) from None
    upload = SimpleUploadedFile(name, data, content_type="image/jpeg")
    limits.check_size(upload, "photo")
    return upload


def _text(state: dict) -> str:
    return "\n\n".join(
        as_text(Message(**message)) for message in state["log"] if message["who"] == "bot"
    )


def _finish(
    *, messenger: str, chat_id: str, user, state: dict, begun: bool = False, topics=None
) -> str:
    """Keep (or forget) the filing, and say the turn's messages with the step's choices
    (`topics`: the list the turn already read)."""
    filing = state.get("filing")
    services.chat_filing_keep(
        messenger=messenger, chat_id=chat_id, user=user, filing=filing, begun=begun
    )
    lines = [_text(state)]
    step = filing["step"] if filing else None
    if step == "topic":
        listed = _topics() if topics is None else topics
        lines += [f"{n}. {label}" for n, (_pk, label) in enumerate(listed, start=1)]
        lines.append(_("Send the topic's number; /cancel stops filing."))
    elif step == "place" and filing.get("places"):
        lines += [f"{n}. {p['address']}" for n, p in enumerate(filing["places"], start=1)]
        lines.append(_("Send the place's number, or type another street."))
    elif step == "photo":
        lines.append(_("Send a photo, or /send to file the report without one."))
    return "\n".join(line for line in lines if line)
