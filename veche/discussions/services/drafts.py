"""The organizer's side of a draft: create it (typed in Markdown or imported from .docx), change
its particulars, publish it, and publish a new version of its text. Each service checks its named
rule (rules.py), writes in one transaction, records one event (`discussions.<kind>`) and a row of
the staff audit log; publishing enqueues the notices."""

from dataclasses import dataclass, replace
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.agencies.models import Agency
from veche.core.text import clean_text
from veche.staff.services import audit_log
from veche.territory.models import Municipality

from ..events import draft_event, draft_notice
from ..models import Draft, DraftVersion, Section, SectionVersion
from ..text import MAX_SECTIONS, SectionText, render
from ._common import lock, not_organizer, require

MAX_TITLE = 300
MAX_SUMMARY = 3000
MAX_HEADING = 300
MAX_SECTION_TEXT = 100_000


@dataclass(frozen=True, kw_only=True)
class DraftIn:
    """What the organizer says about a draft (the form, the API, the demo)."""

    title: str
    summary: str = ""
    agency: Agency | None = None
    municipality: Municipality | None = None
    opens_at: datetime | None = None
    closes_at: datetime | None = None


@dataclass(frozen=True)
class SectionEdit:
    """One section of a new version: an existing section (`section_id`) or a new one (None)."""

    section_id: int | None
    heading: str
    text: str


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def check_draft(data: DraftIn) -> DraftIn:
    errors: dict[str, list[str]] = {}
    title = " ".join(clean_text(data.title or "").split())
    summary = clean_text(data.summary or "").strip()
    if not title:
        errors["title"] = [_("Give the draft a title.")]
    elif len(title) > MAX_TITLE:
        errors["title"] = [
            _("The title is too long: at most %(max)d characters.") % {"max": MAX_TITLE}
        ]
    if len(summary) > MAX_SUMMARY:
        errors["summary"] = [
            _("The text is too long: at most %(max)d characters.") % {"max": MAX_SUMMARY}
        ]
    opens_at, closes_at = _aware(data.opens_at), _aware(data.closes_at)
    if opens_at is None:
        errors["opens_at"] = [_("Give the moment the discussion opens.")]
    if closes_at is None:
        errors["closes_at"] = [_("Give the moment the discussion closes.")]
    if opens_at and closes_at and closes_at <= opens_at:
        errors["closes_at"] = [_("The discussion must close after it opens.")]
    if errors:
        raise ValidationError(errors)
    return replace(data, title=title, summary=summary, opens_at=opens_at, closes_at=closes_at)


def check_sections(sections: list[SectionEdit]) -> list[SectionEdit]:
    """Headings and texts cleaned; a ValidationError under "sections" says what is wrong."""
    cleaned = []
    for edit in sections:
        heading = " ".join(clean_text(edit.heading or "").split())
        text = clean_text(edit.text or "").strip()
        if not heading and not text:
            continue
        if not heading:
            raise ValidationError(
                {"sections": [_("Every section needs a heading.")]}, code="no_heading"
            )
        if len(heading) > MAX_HEADING or len(text) > MAX_SECTION_TEXT:
            raise ValidationError(
                {
                    "sections": [
                        _("A section is too long: at most %(max)d characters.")
                        % {"max": MAX_SECTION_TEXT}
                    ]
                },
                code="too_long",
            )
        cleaned.append(SectionEdit(edit.section_id, heading, text))
    if not cleaned:
        raise ValidationError({"sections": [_("The draft needs at least one section.")]})
    if len(cleaned) > MAX_SECTIONS:
        raise ValidationError(
            {"sections": [_("At most %(max)d sections.") % {"max": MAX_SECTIONS}]}
        )
    return cleaned


def as_edits(sections: list[SectionText]) -> list[SectionEdit]:
    return [SectionEdit(None, s.heading, s.text) for s in sections]


def draft_create(*, user, data: DraftIn, sections: list[SectionEdit]) -> Draft:
    """A draft in preparation with its first version; `user` organizes it."""
    draft = Draft(
        municipality=data.municipality,
        agency=data.agency,
        organizer=user,
        opens_at=timezone.now(),
        closes_at=timezone.now(),
    )
    require(user, "discussions.change_draft", draft, not_organizer())
    data = check_draft(data)
    sections = check_sections(sections)
    with transaction.atomic():
        for name, value in data.__dict__.items():
            setattr(draft, name, value)
        draft.current_version = 1
        draft.full_clean()
        draft.save()
        DraftVersion.objects.create(draft=draft, number=1)
        _write_version(draft, 1, sections)
        draft_event("created", draft, actor=user, payload={"sections": len(sections)})
        audit_log(actor=user, action="discussions.create", target=draft)
    return draft


def draft_update(*, user, draft: Draft, data: DraftIn) -> Draft:
    """Change the particulars (title, summary, authority, territory, period)."""
    data = check_draft(data)
    with transaction.atomic():
        draft = lock(draft)
        require(user, "discussions.change_draft", draft, not_organizer())
        if draft.report_published_at is not None:
            raise ValidationError(
                _("The final report is published: the discussion can no longer change."),
                code="reported",
            )
        for name, value in data.__dict__.items():
            setattr(draft, name, value)
        # The new territory or authority must still be this organizer's.
        require(user, "discussions.change_draft", draft, not_organizer())
        draft.full_clean()
        draft.save()
        draft_event("changed", draft, actor=user)
        audit_log(actor=user, action="discussions.change", target=draft)
    return draft


def draft_publish(*, user, draft: Draft) -> Draft:
    """Open the draft to the public; residents of its municipality who subscribed hear of it."""
    with transaction.atomic():
        draft = lock(draft)
        require(user, "discussions.change_draft", draft, not_organizer())
        if draft.is_published:
            return draft
        draft.status = Draft.Status.PUBLISHED
        draft.published_at = timezone.now()
        draft.full_clean()
        draft.save(update_fields=["status", "published_at"])
        draft_event("published", draft, actor=user)
        audit_log(actor=user, action="discussions.publish", target=draft)
        draft_notice("published", draft)
    return draft


def version_publish(*, user, draft: Draft, sections: list[SectionEdit], note: str = "") -> Draft:
    """A new wording of the text. Before publication it replaces the first version; once
    published it becomes version N+1: sections named by id keep their identity (and comments),
    new ones are added, and those left out are marked removed in version N+1."""
    sections = check_sections(sections)
    note = " ".join(clean_text(note or "").split())[:500]
    with transaction.atomic():
        draft = lock(draft)
        require(user, "discussions.change_draft", draft, not_organizer())
        if draft.is_published:
            require(
                user,
                "discussions.publish_version",
                draft,
                _("The discussion is closed: its text can no longer change."),
            )
            number = draft.current_version + 1
            DraftVersion.objects.create(draft=draft, number=number, note=note)
        else:
            number = draft.current_version
            SectionVersion.objects.filter(section__draft=draft, version=number).delete()
        kept = _write_version(draft, number, sections)
        gone = Section.objects.filter(draft=draft, removed_in__isnull=True).exclude(pk__in=kept)
        if draft.is_published:
            removed = gone.update(removed_in=number)
        else:
            removed = gone.count()
            gone.delete()
        draft.current_version = number
        draft.save(update_fields=["current_version"])
        draft_event(
            "version_published",
            draft,
            actor=user,
            payload={"version": number, "sections": len(sections), "removed": removed},
        )
        audit_log(
            actor=user, action="discussions.version", target=draft, details={"version": number}
        )
    return draft


def _write_version(draft: Draft, number: int, sections: list[SectionEdit]) -> set[int]:
    """The wording of each section in version `number`; returns the ids of the sections it has.
    Expects the draft locked."""
    existing = {s.pk: s for s in Section.objects.filter(draft=draft, removed_in__isnull=True)}
    kept: set[int] = set()
    rows = []
    for position, edit in enumerate(sections, start=1):
        section = existing.get(edit.section_id) if edit.section_id else None
        if edit.section_id and section is None:
            raise ValidationError(
                {"sections": [_("A section of this draft was not found: reload the page.")]}
            )
        if section is None:
            section = Section.objects.create(
                draft=draft, added_in=number, heading=edit.heading, position=position
            )
        else:
            section.heading, section.position = edit.heading, position
            section.save(update_fields=["heading", "position"])
        kept.add(section.pk)
        rows.append(
            SectionVersion(
                section=section,
                version=number,
                position=position,
                heading=edit.heading,
                text=edit.text,
                html=render(edit.text),
            )
        )
    SectionVersion.objects.bulk_create(rows)
    return kept


def organizer_refusal(user, draft: Draft) -> None:
    if not user.has_perm("discussions.change_draft", draft):
        raise PermissionDenied(not_organizer())


MAX_FILES = 10


def draft_attach(*, user, draft: Draft, files) -> list:
    """Attach files (PDFs, images) to the draft; veche.media checks and cleans them before the
    transaction (active PDFs refused, images re-encoded)."""
    from veche.media.documents import process_documents

    from ..models import DraftFile

    organizer_refusal(user, draft)
    documents = process_documents(list(files))
    with transaction.atomic():
        draft = lock(draft)
        require(user, "discussions.change_draft", draft, not_organizer())
        if draft.files.count() + len(documents) > MAX_FILES:
            raise ValidationError(
                {"file": [_("At most %(max)d files per draft.") % {"max": MAX_FILES}]}
            )
        rows = [
            DraftFile.objects.create(
                draft=draft, file=d.file, name=d.name, content_type=d.content_type, size=d.size
            )
            for d in documents
        ]
        draft_event("files_attached", draft, actor=user, payload={"files": len(rows)})
        audit_log(
            actor=user, action="discussions.attach", target=draft, details={"files": len(rows)}
        )
    return rows


def draft_detach(*, user, draft_file) -> None:
    """Remove an attached file; the stored file is deleted after the commit."""
    with transaction.atomic():
        draft = lock(draft_file.draft)
        require(user, "discussions.change_draft", draft, not_organizer())
        storage, name = draft_file.file.storage, draft_file.file.name
        draft_file.delete()
        draft_event("file_removed", draft, actor=user, payload={"name": draft_file.name})
        audit_log(
            actor=user, action="discussions.detach", target=draft, details={"name": draft_file.name}
        )
        transaction.on_commit(lambda: storage.delete(name))
