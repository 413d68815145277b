"""Filing an idea, from the web or the REST API. It waits for a moderator before it is public."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from veche.core.text import clean_text
from veche.media.documents import ProcessedDocument, process_documents
from veche.media.uploads import ProcessedMedia, is_photo, process_media
from veche.reports.models import Category
from veche.reports.search import stems
from veche.territory.models import Municipality
from veche.territory.selectors import resolve_point

from ..models import Campaign, Idea, IdeaFile, IdeaPhoto, IdeaTimelineEntry, Status
from ._common import idea_event, idea_notice
from .ratings import check_territory, require_filing_open

MAX_TITLE = 200
MAX_TEXT = 5000
MAX_PHOTOS = 10
MAX_FILES = 5


def idea_submit(
    *,
    author,
    title: str,
    text: str,
    category: Category,
    municipality: Municipality | None = None,
    lat: float | None = None,
    lon: float | None = None,
    photos: Sequence[UploadedFile] = (),
    files: Sequence[UploadedFile] = (),
    client_token: str | None = None,
    campaign: Campaign | None = None,
) -> Idea:
    """File an idea; a retry with the same client token returns the idea filed first.

    The place is the municipality, or a point on the map (which names the municipality); given
    both, the point must lie in it. Into a `campaign`, only while it collects ideas and for its
    territory (services/ratings.py)."""
    if client_token:
        existing = Idea.objects.filter(author=author, client_token=client_token).first()
        if existing:
            return existing
    if not author.has_perm("ideas.file_idea"):
        raise PermissionDenied(_("Confirm your e-mail address before proposing an idea."))
    if campaign is not None:
        require_filing_open(author=author, campaign=campaign)
    fields = _clean(
        title=title,
        text=text,
        category=category,
        municipality=municipality,
        lat=lat,
        lon=lon,
        photos=photos,
        files=files,
    )
    if campaign is not None:
        check_territory(campaign=campaign, municipality=fields["municipality"])
        fields["campaign"] = campaign
    processed = process_media(photos)  # every file checked and cleaned before writing
    documents = process_documents(files)
    try:
        with transaction.atomic():
            return _create(
                author=author,
                client_token=client_token or None,
                photos=processed,
                documents=documents,
                **fields,
            )
    except IntegrityError:
        # Two identical retries raced: the unique (author, client_token) let one through.
        existing = Idea.objects.filter(author=author, client_token=client_token).first()
        if client_token and existing:
            return existing
        raise


def clean_words(*, title: str, text: str) -> tuple[str, str, dict[str, list[str]]]:
    """The title and text cleaned, and what is wrong with them by field."""
    errors: dict[str, list[str]] = {}
    title = " ".join(clean_text(title or "").split())
    text = clean_text(text or "").strip()
    if not title:
        errors["title"] = [_("Give the idea a title.")]
    elif len(title) > MAX_TITLE:
        errors["title"] = [
            _("The title is too long: at most %(max)d characters.") % {"max": MAX_TITLE}
        ]
    if not text:
        errors["text"] = [_("Describe the idea.")]
    elif len(text) > MAX_TEXT:
        errors["text"] = [
            _("The text is too long: at most %(max)d characters.") % {"max": MAX_TEXT}
        ]
    return title, text, errors


def _clean(*, title, text, category, municipality, lat, lon, photos, files) -> dict:
    title, text, errors = clean_words(title=title, text=text)
    if category is None or not category.is_active:
        errors["category"] = [_("Choose a category from the list.")]
    if len(photos) > MAX_PHOTOS:
        errors["photos"] = [_("At most %(max)d photos.") % {"max": MAX_PHOTOS}]
    elif not all(is_photo(photo) for photo in photos):
        errors["photos"] = [_("Attach photos as JPEG, PNG or WebP files.")]
    if len(files) > MAX_FILES:
        errors["files"] = [_("At most %(max)d files.") % {"max": MAX_FILES}]
    municipality, lat, lon = _place(municipality, lat, lon, errors)
    if errors:
        raise ValidationError(errors)
    return {
        "title": title,
        "text": text,
        "category": category,
        "municipality": municipality,
        "lat": lat,
        "lon": lon,
    }


def _place(municipality, lat, lon, errors: dict) -> tuple:
    if lat is None and lon is None:
        if municipality is None:
            errors["municipality"] = [_("Choose the municipality the idea is for.")]
        return municipality, None, None
    try:
        lat, lon = float(lat), float(lon)
        place = resolve_point(lat=lat, lon=lon)
    except (TypeError, ValueError):
        errors["location"] = [_("Give both the latitude and the longitude, or neither.")]
        return municipality, None, None
    if place.municipality is None:
        errors["location"] = [_("This place is outside the region.")]
    elif municipality is not None and place.municipality.pk != municipality.pk:
        errors["location"] = [
            _("The point is in %(place)s, not in %(chosen)s.")
            % {"place": place.municipality.name, "chosen": municipality.name}
        ]
    return municipality or place.municipality, lat, lon


def _create(
    *, photos: list[ProcessedMedia], documents: list[ProcessedDocument], author, **fields
) -> Idea:
    idea = Idea(author=author, status=Status.SUBMITTED, **fields)
    idea.search_stems = stems(idea.title, idea.text)
    idea.full_clean(exclude=["client_token"])
    idea.save()
    save_photos(idea, photos)
    for document in documents:
        IdeaFile.objects.create(
            idea=idea,
            file=document.file,
            name=document.name,
            content_type=document.content_type,
            size=document.size,
        )
    entry = IdeaTimelineEntry.objects.create(
        idea=idea, kind=IdeaTimelineEntry.Kind.STATUS, actor=author, status_to=Status.SUBMITTED
    )
    idea_event("submitted", idea, actor=author)
    idea_notice("submitted", idea, entry=entry)
    return idea


def save_photos(idea: Idea, photos: list[ProcessedMedia], *, update=None) -> None:
    for order, item in enumerate(photos):
        IdeaPhoto.objects.create(
            idea=idea,
            update=update,
            file=item.file,
            thumbnail=item.thumbnail,
            content_type=item.content_type,
            size=item.size,
            order=order,
        )
