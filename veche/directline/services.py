"""Every change of the direct line: one transaction, the named rule, an event in the log, the
staff audit row for staff actions (docs/directline.md)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from veche.core.text import clean_text
from veche.events.services import record_event
from veche.media.uploads import process_media
from veche.staff.services import audit_log
from veche.supports.kinds import Supportable
from veche.supports.services import give_support

from .models import STAFF_CHANNELS, Campaign, Channel, Question, QuestionStatus, QuestionSupport


def _supported(question: Question, user, count: int) -> None:
    record_event(
        kind="directline.supported",
        subject=("directline.question", str(question.pk)),
        actor=user,
        territory=question.campaign.municipality_id,
        payload={"count": count},
    )


QUESTION_SUPPORTS = Supportable(
    item_model=Question,
    support_model=QuestionSupport,
    item_field="question",
    open_statuses=(QuestionStatus.PUBLISHED,),
    author_field="author_id",
    on_given=_supported,
)
MAX_TEXT = 2000


def _require(user, perm: str, obj, message: str) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(message)


def _text(text: str) -> str:
    text = clean_text(text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write your question.")})
    if len(text) > MAX_TEXT:
        raise ValidationError({"text": _("At most %(max)d characters.") % {"max": MAX_TEXT}})
    return text


def _tell_asker(kind: str, question: Question, reason: str = "") -> None:
    """Enqueue the asker's notice in the change's transaction (tasks.py); calls and letters have
    no asker to tell."""
    from .tasks import deliver_question_notice

    if question.author_id is not None:
        deliver_question_notice.enqueue(kind=kind, question_id=question.pk, reason=reason)


def _event(kind: str, question: Question, actor, **payload) -> None:
    record_event(
        kind=f"directline.{kind}",
        subject=("directline.question", str(question.pk)),
        actor=actor,
        territory=question.campaign.municipality_id,
        payload={"campaign": question.campaign_id, "channel": question.channel, **payload},
    )


def question_ask(*, user, campaign: Campaign, text: str, video: UploadedFile | None = None):
    """A resident's question through the portal, as text or with a short video (the shared media
    module checks and cleans it before the transaction); it waits for moderation."""
    _require(user, "directline.ask_question", campaign, _("This direct line takes no questions."))
    text = _text(text)
    processed = None
    if video is not None:
        processed = process_media([video])[0]
        if processed.kind != "video":
            raise ValidationError({"video": _("Attach the video as an MP4 or WebM file.")})
    with transaction.atomic():
        question = Question(
            campaign=campaign,
            channel=Channel.VIDEO if processed else Channel.PORTAL,
            author=user,
            text=text,
        )
        if processed:
            question.video.save(processed.file.name, processed.file, save=False)
        question.save()
        _event("asked", question, user)
    return question


def question_enter(*, user, campaign: Campaign, channel: str, text: str, caller_name: str = ""):
    """A question that came by phone or letter, entered by staff: published at once."""
    _require(user, "directline.run_campaign", campaign, _("You do not run this direct line."))
    if channel not in STAFF_CHANNELS:
        raise ValidationError({"channel": _("Staff enter questions that came by phone or letter.")})
    if campaign.is_closed:
        raise ValidationError(_("The direct line is closed."), code="closed")
    with transaction.atomic():
        question = Question.objects.create(
            campaign=campaign,
            channel=channel,
            text=_text(text),
            caller_name=clean_text(caller_name or "").strip()[:200],
            entered_by=user,
            status=QuestionStatus.PUBLISHED,
        )
        audit_log(actor=user, action="directline.question_enter", target=question)
        _event("entered", question, user)
    return question


def _locked(question: Question) -> Question:
    return (
        Question.objects.select_for_update(of=("self",))
        .select_related("campaign")
        .get(pk=question.pk)
    )


def _moderate(user, question: Question, status: str, reason: str = "") -> Question:
    with transaction.atomic():
        question = _locked(question)
        _require(
            user,
            "directline.moderate_question",
            question.campaign,
            _("You do not moderate this direct line."),
        )
        if question.status != QuestionStatus.PENDING:
            raise ValidationError(_("This question no longer awaits moderation."), code="state")
        question.status = status
        question.save(update_fields=["status"])
        details = {"reason": reason} if reason else None
        audit_log(
            actor=user, action=f"directline.question_{status}", target=question, details=details
        )
        _event(status, question, user)
        if status == QuestionStatus.REJECTED:
            _tell_asker("rejected", question, reason)
    return question


def question_publish(*, user, question: Question) -> Question:
    return _moderate(user, question, QuestionStatus.PUBLISHED)


def question_reject(*, user, question: Question, reason: str = "") -> Question:
    return _moderate(user, question, QuestionStatus.REJECTED, reason)


def question_answer(*, user, question: Question, text: str = "", at_seconds: int | None = None):
    """The answer after the event: words, a moment of the recording, or both."""
    text = clean_text(text or "").strip()
    if not text and at_seconds is None:
        raise ValidationError(_("Give the answer's text or its moment in the recording."))
    with transaction.atomic():
        question = _locked(question)
        _require(
            user,
            "directline.run_campaign",
            question.campaign,
            _("You do not run this direct line."),
        )
        if question.status != QuestionStatus.PUBLISHED:
            raise ValidationError(_("Only a published question is answered."), code="state")
        question.answer_text = text
        question.answer_at_seconds = at_seconds
        question.answered_at = timezone.now()
        question.save(update_fields=["answer_text", "answer_at_seconds", "answered_at"])
        audit_log(actor=user, action="directline.question_answer", target=question)
        _event("answered", question, user)
        _tell_asker("answered", question)
    return question


def question_support(*, user, question: Question) -> int:
    """A resident's support of a published question (once; never his own)."""
    if not getattr(user, "is_authenticated", False) or not user.has_perm(
        "directline.ask_question", question.campaign
    ):
        raise PermissionDenied(_("Only residents may support questions while the line is open."))
    count, _created = give_support(QUESTION_SUPPORTS, user=user, item=question)
    return count


def campaign_save(
    *,
    user,
    campaign: Campaign | None = None,
    title: str,
    event_at,
    description: str = "",
    municipality=None,
    recording_url: str = "",
) -> Campaign:
    """Create a line or change one (the recording's address is added after the event). The rule
    is checked on the line as it was and as it will be, so nobody moves a line out of his
    territory."""
    title = clean_text(title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the direct line a title.")})
    with transaction.atomic():
        if campaign is not None:
            campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
            _require(
                user, "directline.run_campaign", campaign, _("You do not run this direct line.")
            )
            if campaign.is_closed:
                raise ValidationError(_("The direct line is closed."), code="closed")
        else:
            campaign = Campaign()
        campaign.title = title[:300]
        campaign.description = clean_text(description or "").strip()[:5000]
        campaign.municipality = municipality
        campaign.event_at = event_at
        campaign.recording_url = (recording_url or "").strip()
        _require(user, "directline.run_campaign", campaign, _("You do not run this direct line."))
        campaign.full_clean()
        created = campaign.pk is None
        campaign.save()
        action = "directline.campaign_create" if created else "directline.campaign_change"
        audit_log(actor=user, action=action, target=campaign)
        record_event(
            kind="directline.created" if created else "directline.changed",
            subject=("directline.campaign", str(campaign.pk)),
            actor=user,
            territory=campaign.municipality_id,
        )
    return campaign


def campaign_close(*, user, campaign: Campaign) -> Campaign:
    """Close the line once every question that was not rejected has its answer."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        _require(user, "directline.run_campaign", campaign, _("You do not run this direct line."))
        if campaign.is_closed:
            raise ValidationError(_("The direct line is closed."), code="closed")
        waiting = (
            campaign.questions.exclude(status=QuestionStatus.REJECTED)
            .filter(answered_at__isnull=True)
            .count()
        )
        if waiting:
            raise ValidationError(
                ngettext(
                    "%(count)d question still has no answer.",
                    "%(count)d questions still have no answer.",
                    waiting,
                )
                % {"count": waiting},
                code="unanswered",
            )
        campaign.closed_at = timezone.now()
        campaign.save(update_fields=["closed_at"])
        audit_log(actor=user, action="directline.campaign_close", target=campaign)
        record_event(
            kind="directline.closed",
            subject=("directline.campaign", str(campaign.pk)),
            actor=user,
            territory=campaign.municipality_id,
        )
    return campaign
