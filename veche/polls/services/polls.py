"""The organizer's side of a poll: create and edit it (title, description, territory, cover,
period, eligibility, results visibility, survey marks), publish it, and publish its results.
Each service checks its named rule (rules.py), writes in one transaction, records one event
(`polls.<kind>`) and a row of the staff audit log; publishing enqueues the notices."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.core.text import clean_text
from veche.media.uploads import is_photo, process_media
from veche.staff.services import audit_log
from veche.territory.models import Municipality

from ..events import poll_event, poll_notice
from ..models import Eligibility, Poll, PollStatus, ResultsVisibility
from ._common import lock, not_organizer, require

MAX_TITLE = 200
MAX_DESCRIPTION = 5000


@dataclass(frozen=True, kw_only=True)
class PollIn:
    """What the organizer says about a poll (the editor's form, the admin, the demo)."""

    title: str
    description: str = ""
    municipality: Municipality | None = None
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    eligibility: str = Eligibility.REGISTERED
    results_visibility: str = ResultsVisibility.AFTER_CLOSING
    asks_demographics: bool = False
    is_satisfaction_survey: bool = False


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def check_poll(data: PollIn, *, cover: UploadedFile | None = None) -> PollIn:
    """The poll's words and moments cleaned; a ValidationError names every field that is wrong."""
    errors: dict[str, list[str]] = {}
    title = " ".join(clean_text(data.title or "").split())
    description = clean_text(data.description or "").strip()
    if not title:
        errors["title"] = [_("Give the poll a title.")]
    elif len(title) > MAX_TITLE:
        errors["title"] = [
            _("The title is too long: at most %(max)d characters.") % {"max": MAX_TITLE}
        ]
    if len(description) > MAX_DESCRIPTION:
        errors["description"] = [
            _("The text is too long: at most %(max)d characters.") % {"max": MAX_DESCRIPTION}
        ]
    opens_at, closes_at = _aware(data.opens_at), _aware(data.closes_at)
    if opens_at is None:
        errors["opens_at"] = [_("Give the moment the poll opens.")]
    if closes_at is None:
        errors["closes_at"] = [_("Give the moment the poll closes.")]
    if opens_at is not None and closes_at is not None and closes_at <= opens_at:
        errors["closes_at"] = [_("The poll must close after it opens.")]
    if data.eligibility not in Eligibility.values:
        errors["eligibility"] = [_("Choose who may vote.")]
    if data.results_visibility not in ResultsVisibility.values:
        errors["results_visibility"] = [_("Choose when the results are shown.")]
    if cover is not None and not is_photo(cover):
        errors["cover"] = [_("Attach the cover as a JPEG, PNG or WebP image.")]
    if errors:
        raise ValidationError(errors)
    return PollIn(
        **{
            **data.__dict__,
            "title": title,
            "description": description,
            "opens_at": opens_at,
            "closes_at": closes_at,
        }
    )


def _processed_cover(cover: UploadedFile | None):
    """The cover cleaned by veche.media (re-encoded, no metadata) before any transaction."""
    return process_media([cover])[0] if cover is not None else None


def _set_image(field, thumbnail_field, processed) -> list:
    """Put a processed image on a model's fields; returns the old files to delete after commit."""
    old = [f for f in (field, thumbnail_field) if f]
    field.save(processed.file.name, processed.file, save=False)
    if processed.thumbnail is not None:
        thumbnail_field.save(processed.thumbnail.name, processed.thumbnail, save=False)
    return old


def delete_after_commit(files: list) -> None:
    for file in files:
        storage, name = file.storage, file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def _apply(poll: Poll, data: PollIn) -> None:
    for name, value in data.__dict__.items():
        setattr(poll, name, value)


def poll_create(*, user, data: PollIn, cover: UploadedFile | None = None) -> Poll:
    """A draft poll in a municipality (or, with None, the whole region); `user` organizes it."""
    poll = Poll(municipality=data.municipality, organizer=user)
    if not user.has_perm("polls.manage_poll", poll):
        raise PermissionDenied(not_organizer())
    data = check_poll(data, cover=cover)
    processed = _processed_cover(cover)
    with transaction.atomic():
        _apply(poll, data)
        if processed is not None:
            _set_image(poll.cover, poll.cover_thumbnail, processed)
        poll.full_clean()
        poll.save()
        poll_event("created", poll, actor=user)
        audit_log(actor=user, action="polls.poll_create", target=poll)
    return poll


# What can no longer change once people voted: they voted on these terms.
FROZEN_AFTER_BALLOTS = ("municipality", "eligibility", "opens_at", "asks_demographics")


def poll_update(*, user, poll: Poll, data: PollIn, cover: UploadedFile | None = None) -> Poll:
    """Change a poll. After the first ballot its territory, eligibility, opening moment and
    demographics block stay as they were; the title, description, cover and closing moment may
    still change (a typo, an extension)."""
    data = check_poll(data, cover=cover)
    processed = _processed_cover(cover)
    with transaction.atomic():
        poll = lock(poll)
        require(user, "polls.manage_poll", poll, not_organizer())
        if data.municipality != poll.municipality:
            # The new territory must be the organizer's too.
            require(
                user, "polls.manage_poll", Poll(municipality=data.municipality), not_organizer()
            )
        if poll.ballot_count:
            changed = [f for f in FROZEN_AFTER_BALLOTS if getattr(data, f) != getattr(poll, f)]
            if changed:
                raise ValidationError(
                    {
                        name: [
                            _(
                                "People have already voted on these terms: this can no longer "
                                "change."
                            )
                        ]
                        for name in changed
                    }
                )
        old = []
        _apply(poll, data)
        if processed is not None:
            old = _set_image(poll.cover, poll.cover_thumbnail, processed)
        poll.full_clean()
        poll.save()
        poll_event("updated", poll, actor=user)
        audit_log(actor=user, action="polls.poll_update", target=poll)
        delete_after_commit(old)
    return poll


def poll_publish(*, user, poll: Poll) -> Poll:
    """Publish a draft: residents see it (and may vote once it opens). It needs a question, each
    choice question its options, and a closing moment still ahead."""
    with transaction.atomic():
        poll = lock(poll)
        require(user, "polls.manage_poll", poll, not_organizer())
        if poll.is_published:
            raise ValidationError(_("The poll is already published."), code="published")
        _require_publishable(poll)
        poll.status = PollStatus.PUBLISHED
        poll.published_at = timezone.now()
        poll.full_clean()
        poll.save(update_fields=["status", "published_at", "updated_at"])
        poll_event("published", poll, actor=user)
        audit_log(actor=user, action="polls.poll_publish", target=poll)
        poll_notice("published", poll)
    return poll


def _require_publishable(poll: Poll) -> None:
    questions = list(poll.questions.prefetch_related("options"))
    if not questions:
        raise ValidationError(_("Add at least one question before publishing."), code="empty")
    for question in questions:
        if question.has_options and len([o for o in question.options.all() if not o.is_other]) < 2:
            raise ValidationError(
                _("The question «%(question)s» needs at least two options.")
                % {"question": question.text},
                code="options",
            )
    if poll.closes_at <= timezone.now():
        raise ValidationError(
            {"closes_at": [_("The poll's closing moment has passed: move it into the future.")]}
        )


def poll_unpublish(*, user, poll: Poll) -> Poll:
    """Take a published poll back to draft, possible only while nobody has voted."""
    with transaction.atomic():
        poll = lock(poll)
        require(user, "polls.manage_poll", poll, not_organizer())
        if not poll.is_published:
            raise ValidationError(_("The poll is a draft already."), code="draft")
        if poll.ballot_count:
            raise ValidationError(
                _("People have already voted in this poll: it stays published."),
                code="has_ballots",
            )
        poll.status, poll.published_at = PollStatus.DRAFT, None
        poll.save(update_fields=["status", "published_at", "updated_at"])
        poll_event("unpublished", poll, actor=user)
        audit_log(actor=user, action="polls.poll_unpublish", target=poll)
    return poll


def poll_results_publish(*, user, poll: Poll) -> Poll:
    """Publish the results of a poll whose results wait for the organizer."""
    with transaction.atomic():
        poll = lock(poll)
        require(
            user,
            "polls.publish_results",
            poll,
            _("Only the poll's organizers publish its results, once, when the poll waits for it."),
        )
        poll.results_published_at = timezone.now()
        poll.save(update_fields=["results_published_at", "updated_at"])
        poll_event("results_published", poll, actor=user, payload={"ballots": poll.ballot_count})
        audit_log(actor=user, action="polls.results_publish", target=poll)
        poll_notice("results", poll)
    return poll
