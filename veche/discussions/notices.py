"""Notices of discussions (docs/discussions.md, "Notices").

- A draft is published: residents subscribed to its municipality (or to the whole region), with
  no category or the category «discussions» (`discussions:new`), hear of it.
- The final report is published: each author of a proposal hears his answer («my proposal
  answered»); everyone else who commented or rated hears that the report is out.
- A reply to my comment: the shared comments tell (veche/comments/notices.py).

The organizer who acted hears nothing; nobody hears of one event twice (`claim`)."""

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from veche.accounts.models import User
from veche.comments.models import Comment
from veche.notifications.messages import Message, subject
from veche.notifications.news import news_message, territory_subscribers
from veche.notifications.services import claim, notify
from veche.notifications.text import msg

from .models import Draft, DraftComment, Outcome, Rating

CATEGORY_PREFIX = "discussions"
NEW_DRAFTS = f"{CATEGORY_PREFIX}:new"


def category_choices() -> list[tuple[str, str]]:
    return [(NEW_DRAFTS, str(gettext_lazy("New public discussions")))]


def category_name(key: str) -> str | None:
    return str(gettext_lazy("New public discussions")) if key == NEW_DRAFTS else None


def new_draft_message(draft: Draft) -> Message:
    return news_message(
        kind="discussions.new_draft",
        title=msg(gettext_noop("New public discussion: %(title)s"), title=draft.title),
        item=draft,
        municipality=draft.municipality,
        link=reverse("discussions:detail", args=[draft.pk]),
    )


def report_message(draft: Draft) -> Message:
    return Message(
        kind="discussions.report",
        title=msg(
            gettext_noop("Discussion «%(title)s»: the final report is published"), title=draft.title
        ),
        text=[],
        link=reverse("discussions:report", args=[draft.pk]),
        reason=msg(
            gettext_noop("You receive this letter because you took part in this discussion.")
        ),
        **subject(draft),
    )


OUTCOME_TEXT = {
    Outcome.ACCEPTED: gettext_noop("Your proposal is accepted."),
    Outcome.PARTIAL: gettext_noop("Your proposal is partially accepted."),
    Outcome.REJECTED: gettext_noop("Your proposal is rejected."),
}


def answer_message(draft: Draft, note: DraftComment) -> Message:
    text = [msg(OUTCOME_TEXT[note.outcome])]
    if note.reason:
        text.append(msg(gettext_noop("Answer: %(reason)s"), reason=note.reason))
    return Message(
        kind="discussions.proposal_answered",
        title=msg(gettext_noop("Your proposal on «%(title)s» is answered"), title=draft.title),
        text=text,
        link=reverse("discussions:report", args=[draft.pk]) + f"#proposal-{note.pk}",
        reason=msg(
            gettext_noop("You receive this letter because you made a proposal in this discussion.")
        ),
        **subject(draft),
    )


def _active(ids) -> Q:
    return Q(pk__in=ids, is_active=True, deleted_at__isnull=True)


def subscribers(draft: Draft) -> list[User]:
    return territory_subscribers(
        municipality_id=draft.municipality_id,
        category_key=NEW_DRAFTS,
        besides=(draft.organizer_id,),
    )


def participants(draft: Draft, *, besides: set[int]) -> list[User]:
    from .selectors import draft_comments

    commenters = (
        draft_comments(draft)
        .filter(status=Comment.Status.PUBLISHED)
        .values_list("author_id", flat=True)
    )
    raters = Rating.objects.filter(draft=draft, user__isnull=False).values_list(
        "user_id", flat=True
    )
    ids = (set(commenters) | set(raters)) - besides - {draft.organizer_id}
    return list(User.objects.filter(_active(ids)).order_by("pk"))


def deliver(*, kind: str, draft_id: int) -> int:
    """Build and send the notices of one event; a retried task finds its key claimed."""
    with transaction.atomic():
        draft = Draft.objects.select_related("municipality").filter(pk=draft_id).first()
        if draft is None or not draft.is_published or not claim(f"discussions:{kind}:{draft_id}"):
            return 0
        if kind == "published":
            return notify(recipients=subscribers(draft), message=new_draft_message(draft))
        if kind == "report" and draft.report_published_at is not None:
            return _deliver_report(draft)
        return 0


def _deliver_report(draft: Draft) -> int:
    told = 0
    answered = set()
    notes = (
        DraftComment.objects.filter(
            draft=draft, is_proposal=True, comment__status=Comment.Status.PUBLISHED
        )
        .exclude(outcome="")
        .select_related("comment__author")
        .order_by("pk")
    )
    for note in notes:
        author = note.comment.author
        if author.is_active and author.deleted_at is None:
            told += notify(recipients=[author], message=answer_message(draft, note))
        answered.add(author.pk)
    return told + notify(
        recipients=participants(draft, besides=answered), message=report_message(draft)
    )
