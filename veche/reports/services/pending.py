"""Photos kept between a filing form's attempts. When the form comes back with an error, the
photos chosen on it are cleaned by veche.media and kept under the form's token; the re-rendered
form offers them with a «remove» box, and the next attempt files them with the report. Rows older
than PENDING_TTL are removed whenever photos are kept and by the periodic `report_deadlines`
command (`pending_photos_expire`)."""

from collections.abc import Iterable, Sequence
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.media.uploads import is_photo, process_media

from ..models import PendingPhoto

PENDING_TTL = timedelta(days=1)


def _delete_files(photos: Iterable[PendingPhoto]) -> None:
    files = [photo.file for photo in photos if photo.file]
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])


def pending_photos_expire(*, now=None) -> int:
    """Forget photos of forms abandoned longer than PENDING_TTL ago; how many."""
    old = list(PendingPhoto.objects.filter(created_at__lt=(now or timezone.now()) - PENDING_TTL))
    with transaction.atomic():
        PendingPhoto.objects.filter(pk__in=[p.pk for p in old]).delete()
        _delete_files(old)
    return len(old)


def pending_photos(*, author, client_token: str) -> list[PendingPhoto]:
    if not client_token:
        return []
    return list(PendingPhoto.objects.filter(author=author, client_token=client_token))


def pending_photos_keep(
    *, author, client_token: str, photos: Sequence[UploadedFile]
) -> list[PendingPhoto]:
    """Clean and keep the photos chosen on a form that came back with an error. A file that is
    not a photo veche.media accepts is not kept (the form already says what is wrong with it)."""
    if not author.has_perm("reports.file_report"):
        raise PermissionDenied(_("Confirm your e-mail address before filing a report."))
    if not client_token:
        return []
    pending_photos_expire()
    kept = []
    for photo in photos:
        try:
            if not is_photo(photo):
                continue
            (item,) = process_media([photo])
        except ValidationError:
            continue
        kept.append((photo.name, item.file))
    with transaction.atomic():
        for name, file in kept:
            row = PendingPhoto(author=author, client_token=client_token, name=name[:200])
            row.file.save(file.name, file, save=False)
            row.full_clean()
            row.save()
    return pending_photos(author=author, client_token=client_token)


def pending_photos_remove(*, author, client_token: str, ids: Iterable[int] | None = None) -> None:
    """Forget the form's kept photos: those in `ids`, or all of them (the report is filed)."""
    photos = PendingPhoto.objects.filter(author=author, client_token=client_token)
    if ids is not None:
        photos = photos.filter(pk__in=list(ids))
    with transaction.atomic():
        gone = list(photos)
        PendingPhoto.objects.filter(pk__in=[p.pk for p in gone]).delete()
        _delete_files(gone)


def pending_photos_forget(user) -> None:
    """Account deletion hook (accounts.privacy): the photos he left on unsent forms go."""
    with transaction.atomic():
        gone = list(PendingPhoto.objects.filter(author=user))
        PendingPhoto.objects.filter(pk__in=[p.pk for p in gone]).delete()
        _delete_files(gone)


def as_uploads(photos: Iterable[PendingPhoto]) -> list[UploadedFile]:
    """Kept photos as files for report_submit (which checks them again, as any upload)."""
    uploads = []
    for photo in photos:
        with photo.file.open("rb") as f:
            uploads.append(ContentFile(f.read(), name=photo.name))
    return uploads
