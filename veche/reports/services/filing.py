"""Filing a report, from any channel: web, API, Open311, the contact centre."""

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from veche.core.text import clean_text
from veche.media.uploads import ProcessedMedia, is_photo, process_media
from veche.territory.selectors import resolve_point

from ..events import report_event, report_notice
from ..models import Channel, Report, ReportMedia, Status, TimelineEntry, Topic
from ..routing import agency_for
from ..search import stems
from ..subjects import subject_kind
from .attributes import clean_attributes
from .moderation import _route

MAX_TEXT = 5000
MAX_MEDIA = 10


def report_submit(
    *,
    author,
    topic: Topic,
    text: str,
    lat: float,
    lon: float,
    address: str = "",
    attributes: dict | None = None,
    media: Sequence[UploadedFile] = (),
    channel: str = Channel.WEB,
    client_token: str | None = None,
    filed_by=None,
    skip_moderation: bool = False,
    subject: tuple[str, int] | None = None,
) -> Report:
    """File a report; a retry with the same client token returns the report filed first.

    `subject`: what the report is about besides its place, (kind, id) of a kind a higher app
    registered (reports/subjects.py); an unknown kind or a missing item is refused.

    `skip_moderation`: the filer is trusted (a trusted API key; the contact centre when
    OPERATOR_FILINGS_SKIP_MODERATION is on), so the report is published and routed at once, the
    filer recorded as its publisher; a moderator may still redact it afterwards."""
    if client_token:
        existing = Report.objects.filter(author=author, client_token=client_token).first()
        if existing:
            return existing
    _check_filer(author=author, filed_by=filed_by)
    skip_moderation = _skips_moderation(
        filer=filed_by or author, channel=channel, asked=skip_moderation
    )
    fields = _clean(topic=topic, text=text, lat=lat, lon=lon, attributes=attributes, media=media)
    fields.update(_subject(subject))
    processed = process_media(media)  # every file checked and cleaned before writing
    try:
        with transaction.atomic():
            return _create(
                author=author,
                filed_by=filed_by,
                channel=channel,
                client_token=client_token or None,
                topic=topic,
                address=clean_text(address).strip()[:300],
                media=processed,
                publish=skip_moderation,
                **fields,
            )
    except IntegrityError:
        # Two identical retries raced: the unique (author, client_token) let one through.
        if client_token:
            existing = Report.objects.filter(author=author, client_token=client_token).first()
            if existing:
                return existing
        raise


def _subject(subject: tuple[str, int] | None) -> dict:
    if subject is None:
        return {}
    kind, pk = subject
    spec = subject_kind(kind)
    if spec is None or not spec.exists(pk):
        raise ValidationError({"subject": [_("The object this report is about does not exist.")]})
    return {"subject_kind": kind, "subject_id": pk}


def _check_filer(*, author, filed_by) -> None:
    if filed_by is not None:
        if not filed_by.has_perm("reports.file_on_behalf"):
            raise PermissionDenied(
                _("Only a contact-centre operator may file on someone's behalf.")
            )
        if not author.is_active or author.deleted_at:
            raise ValidationError(_("This resident's account is closed."))
        return
    if not author.has_perm("reports.file_report"):
        raise PermissionDenied(_("Confirm your e-mail address before filing a report."))


def report_text(text: str) -> str:
    """A report's text as filing stores it, or the refusal every channel shows (the chatbot asks
    it at its text step, before the last one)."""
    try:
        text = clean_text(text or "").strip()
    except ValidationError as error:  # a NUL: the refusal belongs to the text field
        raise ValidationError({"text": error.messages}) from error
    if not text:
        raise ValidationError({"text": [_("Describe the problem.")]})
    if len(text) > MAX_TEXT:
        raise ValidationError(
            {"text": [_("The text is too long: at most %(max)d characters.") % {"max": MAX_TEXT}]}
        )
    return text


def _clean(*, topic, text, lat, lon, attributes, media) -> dict:
    errors: dict[str, list[str]] = {}
    try:
        text = report_text(text)
    except ValidationError as error:
        errors.update(error.message_dict)
    if not topic.is_open or not topic.category.is_active:
        errors.setdefault("topic", []).append(_("This topic no longer takes new reports."))
    if topic.photos_required and not any(is_photo(f) for f in media):
        errors.setdefault("media", []).append(_("This topic needs at least one photo."))
    if len(media) > MAX_MEDIA:
        errors.setdefault("media", []).append(
            _("At most %(max)d files per report.") % {"max": MAX_MEDIA}
        )
    place = None
    try:
        lat, lon = float(lat), float(lon)
        place = resolve_point(lat=lat, lon=lon)
    except (TypeError, ValueError):
        errors.setdefault("location", []).append(_("Choose the place on the map or by address."))
    if place is not None and place.municipality is None:
        errors.setdefault("location", []).append(_("This place is outside the region."))
    try:
        attributes = clean_attributes(topic, attributes or {})
    except ValidationError as error:
        errors.setdefault("attributes", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return {
        "text": text,
        "lat": lat,
        "lon": lon,
        "municipality": place.municipality,
        "settlement": place.settlement,
        "attributes": attributes,
    }


def _skips_moderation(*, filer, channel: str, asked: bool) -> bool:
    """Only a filer who files for others (an operator, an integration account) is ever trusted."""
    asked = asked or (channel == Channel.OPERATOR and settings.OPERATOR_FILINGS_SKIP_MODERATION)
    return asked and filer.has_perm("reports.file_on_behalf")


def _create(*, media: list[ProcessedMedia], publish: bool, **fields) -> Report:
    report = Report(status=Status.SUBMITTED, **fields)
    report.search_stems = stems(report.text, report.topic.name, report.address)
    report.full_clean(exclude=["client_token"])
    report.save()
    for order, item in enumerate(media):
        ReportMedia.objects.create(
            report=report,
            kind=item.kind,
            file=item.file,
            thumbnail=item.thumbnail,
            content_type=item.content_type,
            size=item.size,
            order=order,
        )
    entry = TimelineEntry.objects.create(
        report=report,
        kind=TimelineEntry.Kind.STATUS,
        actor=fields.get("filed_by") or fields["author"],
        status_to=Status.SUBMITTED,
    )
    report_event(
        "submitted",
        report,
        actor=fields.get("filed_by") or fields["author"],
        payload={"channel": report.channel},
    )
    report_notice("submitted", report, entry=entry)
    if publish:
        _publish_at_once(report, actor=entry.actor)
    return report


def _publish_at_once(report: Report, *, actor) -> None:
    """A trusted filing is routed like a moderator's publication; if no agency answers the topic
    there, it waits for a moderator like any other report rather than being lost."""
    try:
        agency = agency_for(topic=report.topic, municipality=report.municipality)
    except ValidationError:
        return
    _route(report, agency, actor, event="published")
