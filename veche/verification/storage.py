"""Where uploaded identity documents live: a private storage that no URL serves.

Documents are read only through the moderators' download view. Configure the storage with a
`"verification"` alias in `STORAGES` (e.g. an S3 bucket without public access); without one, files
go to `VERIFICATION_DOCUMENT_ROOT` (default `var/verification-documents`), outside `MEDIA_ROOT`.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.functional import LazyObject

STORAGE_ALIAS = "verification"


class _DocumentStorage(LazyObject):
    def _setup(self) -> None:
        if STORAGE_ALIAS in settings.STORAGES:
            self._wrapped = storages[STORAGE_ALIAS]
        else:
            default = settings.BASE_DIR / "var" / "verification-documents"
            root = getattr(settings, "VERIFICATION_DOCUMENT_ROOT", default)
            self._wrapped = FileSystemStorage(location=root, base_url=None)


_storage = _DocumentStorage()


def document_storage() -> Storage:
    """A callable, so that migrations record the reference rather than a configured instance."""
    return _storage
