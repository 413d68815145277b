"""The organizer edits a poll's questions and options until the first ballot (then they are
frozen: `require_no_ballots`). Options of a choice or ranking question are given as lines of
text: an option keeps its row (and its image) while its text stays; a scale's points are made
from its size; «other (your answer)» is an option of its own, last. Each service: the rule, one
transaction under the poll's lock, one event `polls.questions_changed`, a staff audit row."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.core.text import clean_text
from veche.media.uploads import is_photo, process_media
from veche.staff.services import audit_log

from ..events import poll_event
from ..models import Measure, Option, OptionCount, Poll, Question, QuestionKind
from ._common import lock, not_organizer, require, require_no_ballots
from .ballots import forget_frozen_questions
from .polls import _set_image, delete_after_commit

MAX_QUESTION = 500
MAX_OPTION = 300
MAX_OPTIONS = 30
OTHER_TEXT = "Other (your answer)"  # stored in English, shown translated (Option.label)


@dataclass(frozen=True, kw_only=True)
class QuestionIn:
    text: str
    kind: str
    hint: str = ""
    is_required: bool = True
    options: Sequence[str] = ()
    max_choices: int | None = None
    scale_max: int | None = None
    scale_min_label: str = ""
    scale_max_label: str = ""
    allows_other: bool = False
    shown_if: Option | None = None
    measures: str = ""


def _line(text: str) -> str:
    return " ".join(clean_text(text or "").split())


def check_question(data: QuestionIn, *, poll: Poll, question: Question | None) -> QuestionIn:
    errors: dict[str, list[str]] = {}
    text = _line(data.text)
    options = [_line(o) for o in data.options if _line(o)]
    if not text:
        errors["text"] = [_("Write the question.")]
    elif len(text) > MAX_QUESTION:
        errors["text"] = [
            _("The question is too long: at most %(max)d characters.") % {"max": MAX_QUESTION}
        ]
    if data.kind not in QuestionKind.values:
        errors["kind"] = [_("Choose the kind of question.")]
    if data.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING):
        if len(options) < 2:
            errors["options"] = [_("Give at least two options, one per line.")]
        elif len(options) > MAX_OPTIONS:
            errors["options"] = [_("At most %(max)d options.") % {"max": MAX_OPTIONS}]
        elif len(set(options)) != len(options):
            errors["options"] = [_("Two options have the same text.")]
        elif any(len(o) > MAX_OPTION for o in options):
            errors["options"] = [
                _("An option is too long: at most %(max)d characters.") % {"max": MAX_OPTION}
            ]
    if data.kind == QuestionKind.MULTIPLE and data.max_choices is not None:
        if not 1 <= data.max_choices <= max(len(options), 1):
            errors["max_choices"] = [_("At most N must be between 1 and the number of options.")]
    if data.kind == QuestionKind.SCALE and not (data.scale_max and 2 <= data.scale_max <= 10):
        errors["scale_max"] = [_("A scale goes from 1 up to a number between 2 and 10.")]
    if data.shown_if is not None and not _is_earlier_option(data.shown_if, poll, question):
        errors["shown_if"] = [_("A question may depend only on an option of an earlier question.")]
    if data.measures and data.measures not in Measure.values:
        errors["measures"] = [_("Choose what the question measures.")]
    if errors:
        raise ValidationError(errors)
    is_choice = data.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
    return QuestionIn(
        **{
            **data.__dict__,
            "text": text,
            "hint": _line(data.hint)[:MAX_QUESTION],
            "options": options if data.kind != QuestionKind.SCALE else (),
            "max_choices": data.max_choices if data.kind == QuestionKind.MULTIPLE else None,
            "scale_max": data.scale_max if data.kind == QuestionKind.SCALE else None,
            "scale_min_label": _line(data.scale_min_label)[:100],
            "scale_max_label": _line(data.scale_max_label)[:100],
            "allows_other": data.allows_other and is_choice,
        }
    )


def _is_earlier_option(option: Option, poll: Poll, question: Question | None) -> bool:
    depends_on = option.question
    if depends_on.poll_id != poll.pk or depends_on.kind not in (
        QuestionKind.SINGLE,
        QuestionKind.MULTIPLE,
    ):
        return False
    if question is None:
        return True
    return (depends_on.position, depends_on.pk) < (question.position, question.pk)


def _sync_options(question: Question, data: QuestionIn) -> None:
    """Make the question's options what `data` says, keeping rows whose text stays."""
    wanted: list[tuple[str, int | None, bool]] = [(text, None, False) for text in data.options]
    if question.kind == QuestionKind.SCALE:
        wanted = [(str(value), value, False) for value in range(1, question.scale_max + 1)]
    if question.allows_other:
        wanted.append((OTHER_TEXT, None, True))
    existing = {(o.text, o.is_other): o for o in question.options.all()}
    keep = []
    for position, (text, value, is_other) in enumerate(wanted):
        option = existing.pop((text, is_other), None) or Option(question=question, text=text)
        option.position, option.value, option.is_other = position, value, is_other
        option.full_clean(exclude=["question"])
        option.save()
        keep.append(option)
    for option in existing.values():
        delete_after_commit([f for f in (option.image, option.image_thumbnail) if f])
        option.delete()
    OptionCount.objects.bulk_create(
        [OptionCount(option=o, question=question) for o in keep], ignore_conflicts=True
    )


def _save_question(question: Question, data: QuestionIn) -> Question:
    for name, value in data.__dict__.items():
        if name != "options":
            setattr(question, name, value)
    question.full_clean(exclude=["poll", "shown_if"])
    question.save()
    _sync_options(question, data)
    return question


def question_add(*, user, poll: Poll, data: QuestionIn) -> Question:
    with transaction.atomic():
        poll = lock(poll)
        require(user, "polls.manage_poll", poll, not_organizer())
        require_no_ballots(poll)
        data = check_question(data, poll=poll, question=None)
        last = poll.questions.order_by("-position").values_list("position", flat=True).first()
        question = _save_question(Question(poll=poll, position=(last or 0) + 1), data)
        _changed(user, poll, "added", question)
    return question


def question_update(*, user, question: Question, data: QuestionIn) -> Question:
    with transaction.atomic():
        poll = lock(question.poll)
        require(user, "polls.manage_poll", poll, not_organizer())
        require_no_ballots(poll)
        question = Question.objects.get(pk=question.pk)
        data = check_question(data, poll=poll, question=question)
        question = _save_question(question, data)
        _changed(user, poll, "edited", question)
    return question


def question_delete(*, user, question: Question) -> None:
    with transaction.atomic():
        poll = lock(question.poll)
        require(user, "polls.manage_poll", poll, not_organizer())
        require_no_ballots(poll)
        files = [
            f
            for option in question.options.all()
            for f in (option.image, option.image_thumbnail)
            if f
        ]
        _changed(user, poll, "deleted", question)
        question.delete()
        delete_after_commit(files)


def question_move(*, user, question: Question, up: bool) -> None:
    """Swap the question with its neighbour; a question never moves above the one it depends
    on (nor one that depends on it above it)."""
    with transaction.atomic():
        poll = lock(question.poll)
        require(user, "polls.manage_poll", poll, not_organizer())
        require_no_ballots(poll)
        ordered = list(poll.questions.select_related("shown_if"))
        index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(ordered):
            return
        first, second = ordered[min(index, other)], ordered[max(index, other)]
        if second.shown_if is not None and second.shown_if.question_id == first.pk:
            raise ValidationError(
                _("«%(question)s» depends on the question above it and stays below it.")
                % {"question": second.text},
                code="order",
            )
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, item in enumerate(ordered, start=1):
            if item.position != position:
                Question.objects.filter(pk=item.pk).update(position=position)
        _changed(user, poll, "moved", question)


def option_update(
    *,
    user,
    option: Option,
    is_positive: bool,
    image: UploadedFile | None = None,
    remove_image: bool = False,
) -> Option:
    """An option's image (through veche.media) and, in a satisfaction survey, whether it counts
    as a positive answer. Frozen like the questions once people voted."""
    if image is not None and not is_photo(image):
        raise ValidationError({"image": [_("Attach the image as a JPEG, PNG or WebP file.")]})
    processed = process_media([image])[0] if image is not None else None
    with transaction.atomic():
        poll = lock(option.question.poll)
        require(user, "polls.manage_poll", poll, not_organizer())
        require_no_ballots(poll)
        option = Option.objects.select_for_update().get(pk=option.pk)
        old = []
        if processed is not None:
            old = _set_image(option.image, option.image_thumbnail, processed)
        elif remove_image:
            old = [f for f in (option.image, option.image_thumbnail) if f]
            option.image, option.image_thumbnail = "", ""
        option.is_positive = is_positive
        option.save()
        _changed(user, poll, "option_edited", option.question)
        delete_after_commit(old)
    return option


def _changed(user, poll: Poll, what: str, question: Question) -> None:
    # The poll's `updated_at` moves with its questions: a ballot's copy of a poll's questions
    # is keyed by it (services/ballots.py `_questions`); this process's copy goes at once.
    Poll.objects.filter(pk=poll.pk).update(updated_at=timezone.now())
    forget_frozen_questions(poll.pk)
    poll_event(
        "questions_changed", poll, actor=user, payload={"what": what, "question": question.pk}
    )
    audit_log(
        actor=user, action=f"polls.question_{what}", target=poll, details={"question": question.pk}
    )
