"""One turn of the chatbot's conversation: a resident's message (or a step's answer) in, the
bot's replies out. The state (the log, the filing under way) is a plain dict the page keeps in
the session; the knowledge, the statuses and the filing come from the registry."""

import re
import secrets
from dataclasses import asdict, dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from veche.core.forms import error_text
from veche.territory.selectors import gazetteer_search

from . import registry
from .knowledge import matcher
from .matcher import sure

LOG_SIZE = 30
_STATUS = re.compile(r"(статус|status|номер|№|#)", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*(?:№|#|n)?\s*(\d{1,12})\s*$", re.IGNORECASE)
_DIGITS = re.compile(r"\d{1,12}")


@dataclass
class Message:
    who: str  # "bot" or "me"
    text: str
    links: list[tuple[str, str]] = field(default_factory=list)
    why: str = ""


def say(state: dict, message: Message) -> None:
    state.setdefault("log", []).append(asdict(message))
    del state["log"][:-LOG_SIZE]


def _contacts() -> list[tuple[str, str]]:
    return registry.knowledge_indexes()


def answer_question(text: str) -> Message:
    matches = matcher().best(text)
    if not sure(matches):
        return Message(
            "bot",
            _(
                "I am not sure I understood. Look through the questions and answers or call "
                "the contact centre; to file a report, press «Report a problem»."
            ),
            _contacts(),
        )
    best = matches[0]
    words = ", ".join(
        f"«{stem}»" if stem == found else f"«{stem}» ≈ «{found}»"
        for stem, found, _place in best.reasons
    )
    links = [(best.item.question, best.item.url)] + [
        (other.item.question, other.item.url) for other in matches[1:] if sure([other])
    ]
    return Message(
        "bot",
        Truncator(best.item.answer).chars(600),
        links,
        why=_("Answer «%(question)s», found by the words %(words)s.")
        % {"question": best.item.question, "words": words},
    )


def answer_status(text: str, user) -> Message:
    found = _DIGITS.search(text)
    answer = registry.status(int(found.group()), user) if found else None
    if answer is None:
        return Message(
            "bot",
            _(
                "There is no published report with this number. Check the number: it is in "
                "the letter you received after filing and in your cabinet."
            ),
        )
    lines = [f"{answer.title}: {answer.status}.", *answer.facts]
    return Message("bot", " ".join(lines), [(answer.title, answer.url)])


def is_status_request(text: str) -> bool:
    return bool(_NUMBER.match(text) or _STATUS.search(text))


# Filing step by step: topic → place → text → photo, then the reports' filing service.


def start_filing(state: dict, user) -> None:
    flow = registry.filing()
    if flow is None:
        say(state, Message("bot", _("Filing through the chatbot is not available.")))
        return
    if not getattr(user, "is_authenticated", False):
        say(
            state,
            Message(
                "bot",
                _("Sign in to file a report: the answer comes to your account."),
                [(_("Sign in"), f"{reverse('accounts:login')}?next={reverse('chatbot:page')}")],
            ),
        )
        return
    # The filing's token goes to the service as its client token: a repeated last step (a
    # double click, a messenger's update delivered twice) gets the report filed first.
    state["filing"] = {"step": "topic", "token": secrets.token_urlsafe(16)}
    say(state, Message("bot", _("Step 1 of 4. Choose the topic of the problem.")))


def cancel_filing(state: dict) -> None:
    state.pop("filing", None)
    say(state, Message("bot", _("Filing is cancelled. Ask me anything.")))


def filing_step(state: dict, user, data: dict, photo: UploadedFile | None) -> None:
    filing = state.get("filing")
    flow = registry.filing()
    if not filing or flow is None:
        return
    step = filing["step"]
    if step == "topic":
        topics = dict(flow.topics())
        try:
            topic = int(data.get("topic", ""))
        except ValueError:
            topic = None
        if topic not in topics:
            say(state, Message("bot", _("Choose a topic from the list.")))
            return
        filing.update(step="place", topic=topic, topic_label=topics[topic])
        say(state, Message("me", topics[topic]))
        say(state, Message("bot", _("Step 2 of 4. Where is it? Type a street or a place.")))
    elif step == "place":
        query = (data.get("place") or "").strip()
        choice = data.get("choice")
        if choice is not None and filing.get("places"):
            try:
                index = int(choice)
                if index < 0:
                    raise IndexError(index)
                place = filing["places"][index]
            except (ValueError, IndexError):
                say(state, Message("bot", _("Choose a place from the list.")))
                return
            filing.update(step="text", lat=place["lat"], lon=place["lon"], address=place["address"])
            filing.pop("places", None)
            say(state, Message("me", place["address"]))
            say(state, Message("bot", _("Step 3 of 4. Describe the problem.")))
            return
        found = gazetteer_search(query) if query else []
        if not found:
            say(state, Message("bot", _("No such place found. Type the street's name.")))
            return
        filing["places"] = [
            {"address": p.address or f"{p.name}, {p.context}", "lat": p.lat, "lon": p.lon}
            for p in found
        ]
        say(state, Message("me", query))
        say(state, Message("bot", _("Choose the place from the list.")))
    elif step == "text":
        try:
            text = flow.check_text(data.get("text") or "")
        except ValidationError as error:
            say(state, Message("bot", error_text(error)))
            return
        filing.update(step="photo", text=text)
        say(state, Message("me", Truncator(text).chars(200)))
        say(
            state,
            Message("bot", _("Step 4 of 4. Attach a photo, or send the report without one.")),
        )
    elif step == "photo":
        try:
            filed = flow.file(
                user=user,
                topic_id=filing["topic"],
                lat=filing["lat"],
                lon=filing["lon"],
                address=filing["address"],
                text=filing["text"],
                photo=photo,
                client_token=filing.get("token"),
            )
        except (PermissionDenied, ValidationError) as error:
            say(state, Message("bot", error_text(error)))
            return
        state.pop("filing", None)
        say(
            state,
            Message(
                "bot",
                _("Report № %(number)s is filed. It will be published after moderation.")
                % {"number": filed.number},
                [(_("Report № %(number)s") % {"number": filed.number}, filed.url)],
            ),
        )


def message(state: dict, user, text: str) -> None:
    text = (text or "").strip()[:500]
    if not text:
        return
    say(state, Message("me", text))
    if is_status_request(text):
        say(state, answer_status(text, user))
    else:
        say(state, answer_question(text))
