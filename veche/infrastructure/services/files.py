"""Staff upload of an object's photos and project documents, through the one upload module
(`veche.media`: sniffed, capped, photos re-encoded without metadata, PDFs without active content).
The keeper of the object only (`infrastructure.upload_files`: the regional admin or the municipal
admin of the object's municipality); audited and told to the event log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from veche.events.services import record_event
from veche.media.documents import process_documents
from veche.media.uploads import is_photo, process_media
from veche.staff.services import audit_log

from ..models import Facility, FacilityDocument, FacilityPhoto

MAX_FILES = 10


def _refuse() -> PermissionDenied:
    return PermissionDenied(
        _(
            "Only the administration of the object's municipality or the regional "
            "administration keeps this object."
        )
    )


def facility_files_add(
    *, user, facility: Facility, photos=(), documents=(), caption: str = ""
) -> tuple[list[FacilityPhoto], list[FacilityDocument]]:
    """Add photos and documents to the object; all or nothing."""
    if not user.has_perm("infrastructure.upload_files", facility):
        raise _refuse()  # before any file is decoded
    photos, documents = list(photos), list(documents)
    if not photos and not documents:
        raise ValidationError({"photos": [_("Choose a photo or a document to add.")]})
    if len(photos) > MAX_FILES or len(documents) > MAX_FILES:
        raise ValidationError(
            {"photos": [_("At most %(max)d files at a time.") % {"max": MAX_FILES}]}
        )
    if not all(is_photo(photo) for photo in photos):
        raise ValidationError({"photos": [_("Photos: JPEG, PNG or WebP.")]})
    processed_photos = process_media(photos)
    processed_documents = process_documents(documents)
    with transaction.atomic():
        locked = Facility.objects.select_for_update().get(pk=facility.pk)
        if not user.has_perm("infrastructure.upload_files", locked):
            raise _refuse()
        added_photos = []
        for item in processed_photos:
            added_photos.append(
                FacilityPhoto.objects.create(
                    facility=locked,
                    file=item.file,
                    thumbnail=item.thumbnail,
                    caption=caption[:300],
                )
            )
        added_documents = []
        for item in processed_documents:
            added_documents.append(
                FacilityDocument.objects.create(
                    facility=locked,
                    file=item.file,
                    name=item.name[:200],
                    content_type=item.content_type,
                    size=item.size,
                )
            )
        details = {"photos": len(added_photos), "documents": len(added_documents)}
        audit_log(actor=user, action="infrastructure.files_add", target=locked, details=details)
        record_event(
            kind="infrastructure.files_added",
            subject=locked,
            actor=user,
            territory=locked.municipality_id,
            payload=details,
        )
    return added_photos, added_documents
