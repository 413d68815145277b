"""An admin's upload as a background import (`tasks.run_import` does the work): the job row
records the file, the rows checked so far (the status page's progress), and the outcome — the
counts, or every bad line."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .. import tasks
from ..models import ImportJob


def job_start(*, user, upload) -> ImportJob:
    """Store the upload and enqueue its import (in the same transaction)."""
    if not user.has_perm("infrastructure.import_facilities"):
        raise PermissionDenied(_("Only the regional administration imports the registry."))
    with transaction.atomic():
        job = ImportJob.objects.create(file=upload, filename=upload.name[:200], author=user)
        tasks.run_import.enqueue(job_id=job.pk)
    return job
