"""The authority's side: consider an idea, take it for implementation (an agency, a planned date
and an answer) or decline it with reasons; the agency posts progress and marks it implemented."""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from veche.agencies.models import Agency
from veche.agencies.selectors import agencies_serving
from veche.core.text import clean_text
from veche.media.uploads import is_photo, process_media

from ..models import Idea, IdeaProgress, IdeaTimelineEntry, Status
from ._common import idea_event, idea_notice, lock, move, record, require, require_status
from .filing import MAX_PHOTOS, save_photos

NOT_DECIDER = gettext_lazy(
    "Only the administration of the idea's municipality or the regional administration decides "
    "on it."
)
NOT_AGENCY = gettext_lazy("The idea is not given to your agency.")
MAX_TEXT = 5000


def _words(value: str, field: str, missing) -> str:
    value = clean_text(value or "").strip()
    if not value:
        raise ValidationError({field: [str(missing)]})
    if len(value) > MAX_TEXT:
        raise ValidationError(
            {field: [_("The text is too long: at most %(max)d characters.") % {"max": MAX_TEXT}]}
        )
    return value


def idea_consider(*, user, idea: Idea) -> Idea:
    with transaction.atomic():
        idea = lock(idea)
        require(user, "ideas.decide_idea", idea, NOT_DECIDER)
        require_status(idea, "consider")
        move(idea, Status.UNDER_CONSIDERATION, actor=user, event="considered")
        return idea


def idea_take(*, user, idea: Idea, agency: Agency, planned_date: date, answer: str) -> Idea:
    """Take the idea for implementation by an agency serving its municipality, by a date."""
    errors: dict[str, list[str]] = {}
    try:
        answer = _words(answer, "answer", _("Write the answer: what will be done."))
    except ValidationError as error:
        errors.update(error.message_dict)
    if planned_date is None:
        errors["planned_date"] = [_("Give the planned date.")]
    elif planned_date < timezone.localdate():
        errors["planned_date"] = [_("The planned date cannot be in the past.")]
    if agency is None:
        errors["agency"] = [_("Choose the agency that implements the idea.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        idea = lock(idea)
        require(user, "ideas.decide_idea", idea, NOT_DECIDER)
        require_status(idea, "take")
        if not agencies_serving(idea.municipality).filter(pk=agency.pk).exists():
            raise ValidationError(
                {
                    "agency": [
                        _("%(agency)s does not serve %(municipality)s.")
                        % {"agency": agency.name, "municipality": idea.municipality.name}
                    ]
                }
            )
        idea.agency, idea.planned_date, idea.answer = agency, planned_date, answer
        idea.taken_at = timezone.now()
        move(
            idea,
            Status.TAKEN,
            actor=user,
            event="taken",
            payload={"agency": agency.pk, "planned_date": planned_date.isoformat()},
            text=answer,
            message=gettext_noop("Given to %(agency)s."),
            params={"agency": agency.name, "date": planned_date.isoformat()},
            fields=("agency", "planned_date", "answer", "taken_at"),
        )
        return idea


def idea_decline(*, user, idea: Idea, reason: str) -> Idea:
    reason = _words(reason, "reason", _("Say why the idea is declined."))
    with transaction.atomic():
        idea = lock(idea)
        require(user, "ideas.decide_idea", idea, NOT_DECIDER)
        require_status(idea, "decline")
        idea.decline_reason = reason
        move(
            idea,
            Status.DECLINED,
            actor=user,
            event="declined",
            text=reason,
            fields=("decline_reason",),
        )
        return idea


def idea_add_progress(
    *, user, idea: Idea, text: str, photos: Sequence[UploadedFile] = ()
) -> IdeaProgress:
    """A progress update of the responsible agency, with photos, while the idea is taken."""
    text = _words(text, "text", _("Write what has been done."))
    if len(photos) > MAX_PHOTOS or not all(is_photo(photo) for photo in photos):
        raise ValidationError(
            {"photos": [_("Up to %(max)d photos: JPEG, PNG or WebP.") % {"max": MAX_PHOTOS}]}
        )
    processed = process_media(photos)
    with transaction.atomic():
        idea = lock(idea)
        require(user, "ideas.report_progress", idea, NOT_AGENCY)
        require_status(idea, "progress")
        update = IdeaProgress(idea=idea, agency=idea.agency, author=user, text=text)
        update.full_clean()
        update.save()
        save_photos(idea, processed, update=update)
        idea.save(update_fields=["updated_at"])
        entry = record(
            idea, kind=IdeaTimelineEntry.Kind.PROGRESS, actor=user, text=text, progress=update
        )
        idea_event("progress", idea, actor=user, payload={"photos": len(processed)})
        idea_notice("progress", idea, entry=entry)
        return update


def idea_implement(*, user, idea: Idea, note: str) -> Idea:
    """Mark the idea implemented, with a final note of what was done."""
    note = _words(note, "note", _("Write the final note: what was done."))
    with transaction.atomic():
        idea = lock(idea)
        require(user, "ideas.implement_idea", idea, NOT_AGENCY)
        require_status(idea, "implement")
        idea.final_note = note
        idea.implemented_at = timezone.now()
        move(
            idea,
            Status.IMPLEMENTED,
            actor=user,
            event="implemented",
            text=note,
            fields=("final_note", "implemented_at"),
        )
        return idea
