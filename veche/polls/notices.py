"""Notices of polls (docs/polls.md, "Notices").

- A poll is published: residents subscribed to its municipality (or to the whole region), with
  no category or the category «polls» (`polls:new`), hear of it. A map area does not narrow a
  poll's notice: a poll has no point.
- The organizer publishes the results: everyone who voted hears of it.

The organizer who acted hears nothing; nobody hears of one event twice (`once_key`)."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from veche.accounts.models import User
from veche.notifications.messages import Message, subject
from veche.notifications.news import news_message, territory_subscribers
from veche.notifications.services import claim, notify
from veche.notifications.text import msg

from .models import Poll

CATEGORY_PREFIX = "polls"
NEW_POLLS = f"{CATEGORY_PREFIX}:new"


def category_choices() -> list[tuple[str, str]]:
    return [(NEW_POLLS, str(gettext_lazy("New polls and surveys")))]


def category_name(key: str) -> str | None:
    return str(gettext_lazy("New polls and surveys")) if key == NEW_POLLS else None


def new_poll_message(poll: Poll) -> Message:
    return news_message(
        kind="polls.new_poll",
        title=msg(gettext_noop("New poll: %(title)s"), title=poll.title),
        item=poll,
        municipality=poll.municipality,
        link=reverse("polls:detail", args=[poll.pk]),
    )


def results_message(poll: Poll) -> Message:
    return Message(
        kind="polls.results",
        title=msg(gettext_noop("Poll «%(title)s»: the results are published"), title=poll.title),
        text=[msg(gettext_noop("Ballots: %(count)s."), count=poll.ballot_count)],
        link=reverse("polls:results", args=[poll.pk]),
        reason=msg(gettext_noop("You receive this letter because you voted in this poll.")),
        **subject(poll),
    )


def subscribers(poll: Poll) -> list[User]:
    # A region-wide poll concerns every municipality's subscribers.
    return territory_subscribers(
        municipality_id=poll.municipality_id, category_key=NEW_POLLS, besides=(poll.organizer_id,)
    )


def voters(poll: Poll) -> list[User]:
    return list(
        User.objects.filter(poll_ballots__poll=poll, is_active=True, deleted_at__isnull=True)
        .exclude(pk=poll.organizer_id)
        .order_by("pk")
    )


def deliver(*, kind: str, poll_id: int) -> int:
    """Build and send the notices of one event; a retried task finds its key claimed."""
    with transaction.atomic():
        poll = Poll.objects.select_related("municipality").filter(pk=poll_id).first()
        if poll is None or not poll.is_published or not claim(f"polls:{kind}:{poll_id}"):
            return 0
        if kind == "published":
            return notify(recipients=subscribers(poll), message=new_poll_message(poll))
        if kind == "results" and poll.results_published_at is not None:
            return notify(recipients=voters(poll), message=results_message(poll))
        return 0
