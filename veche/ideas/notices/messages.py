"""What each notice about an idea says, as message ids with parameters (notifications.text), so
every reader reads it in his language. Titles read «Идея № N: …»."""

from collections.abc import Callable

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_noop

from veche.notifications.messages import Message, subject
from veche.notifications.text import Spec, day, join, msg
from veche.notifications.tokens import subscription_scope
from veche.reports.notices.recipients import Recipient

from ..models import Idea, IdeaTimelineEntry, Status

AUTHOR = msg(gettext_noop("You receive this letter because you proposed this idea."))
SUPPORTER = msg(gettext_noop("You receive this letter because you support this idea."))
STAFF = msg(gettext_noop("You receive this letter because of your work on the portal."))
SUBSCRIBED = msg(gettext_noop("You receive this letter because you subscribed to new ideas."))


def idea_path(idea_id: int) -> str:
    return reverse("ideas:detail", args=[idea_id])


def _title(idea: Idea, title: Spec) -> dict:
    return msg(gettext_noop("Idea No. %(number)s: %(title)s"), number=idea.pk, title=title)


def _text(entry: IdeaTimelineEntry | None) -> Spec:
    """The entry's words: the system's message (translated when shown), then a person's."""
    if entry is None:
        return ""
    if entry.message:
        return join(msg(entry.message, **entry.params), entry.text.strip(), sep=" ")
    return entry.text.strip()


def _facts(idea: Idea) -> list[Spec]:
    lines: list[Spec] = [msg(gettext_noop("Idea: %(title)s"), title=idea.title)]
    lines.append(msg(gettext_noop("Municipality: %(name)s"), name=idea.municipality.name))
    if idea.agency_id:
        lines.append(msg(gettext_noop("Agency: %(agency)s"), agency=idea.agency.name))
    if idea.planned_date:
        lines.append(msg(gettext_noop("Planned date: %(date)s"), date=day(idea.planned_date)))
    return lines


def _message(kind: str, idea: Idea, title: Spec, lines: list[Spec], reason: Spec, **extra):
    return Message(
        kind=f"ideas.{kind}",
        title=_title(idea, title),
        text=[line for line in lines if line],
        link=idea_path(idea.pk),
        reason=reason,
        **subject(idea),
        **extra,
    )


def _status(entry: IdeaTimelineEntry | None, idea: Idea) -> str:
    status = entry.status_to if entry is not None and entry.status_to else idea.status
    return Status(status).label


def _received(idea, entry, recipient) -> Message:
    lines = [
        msg(gettext_noop("A moderator checks it and publishes it; you will be told of each step.")),
        *_facts(idea),
    ]
    return _message("received", idea, msg(gettext_noop("received")), lines, AUTHOR)


def _status_changed(idea, entry, recipient) -> Message:
    title = msg(gettext_noop("new status «%(status)s»"), status=_status(entry, idea))
    return _message("status_changed", idea, title, [_text(entry), *_facts(idea)], AUTHOR)


def _supported_news(idea, entry, recipient) -> Message:
    title = msg(gettext_noop("new status «%(status)s»"), status=_status(entry, idea))
    return _message("supported_news", idea, title, [_text(entry), *_facts(idea)], SUPPORTER)


def _progress(idea, entry, recipient) -> Message:
    reason = AUTHOR if recipient is not None and recipient.user.pk == idea.author_id else SUPPORTER
    title = msg(gettext_noop("news of the implementation"))
    return _message("progress", idea, title, [_text(entry), *_facts(idea)], reason)


def _submitted(idea, entry, recipient) -> Message:
    title = msg(gettext_noop("awaiting moderation"))
    return _message("submitted", idea, title, _facts(idea), STAFF)


def _new_work(idea, entry, recipient) -> Message:
    title = msg(gettext_noop("given to your agency for implementation"))
    lines = [
        msg(gettext_noop("The authority's answer: %(answer)s"), answer=idea.answer),
        *_facts(idea),
    ]
    return _message("new_work", idea, title, lines, STAFF)


def _carried(idea, entry, recipient) -> Message:
    title = msg(gettext_noop("the report you supported is now this idea"))
    lines = [msg(gettext_noop("Your support is counted here.")), *_facts(idea)]
    return _message("carried", idea, title, lines, SUPPORTER)


def _new_idea(idea, entry, recipient) -> Message:
    lines = [*_facts(idea), Truncator(idea.text).chars(300)]
    extra = {}
    reason: Spec = SUBSCRIBED
    if recipient is not None and recipient.subscription is not None:
        extra = {"unsubscribe": subscription_scope(recipient.subscription.pk)}
    title = msg(gettext_noop("new idea on your subscription"))
    return _message("new_idea", idea, title, lines, reason, **extra)


Builder = Callable[[Idea, IdeaTimelineEntry | None, Recipient | None], Message]

BUILDERS: dict[str, Builder] = {
    "received": _received,
    "status_changed": _status_changed,
    "supported_news": _supported_news,
    "progress": _progress,
    "submitted": _submitted,
    "new_work": _new_work,
    "carried": _carried,
    "new_idea": _new_idea,
}


def build(notice: str, idea: Idea, *, entry=None, recipient: Recipient | None = None) -> Message:
    return BUILDERS[notice](idea, entry, recipient)
