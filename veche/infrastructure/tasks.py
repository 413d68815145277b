"""Background work of the registry: an import uploaded in the admin, run by the task worker so
a file of 22,000 rows does not hold a web request; its `ImportJob` row is the status page."""

from django.utils import timezone
from django_tasks import task

from veche.core.tables import read_table

from .models import ImportJob
from .services.importing import ImportRefused, import_table


@task()
def run_import(job_id: int) -> str:
    return run_job(job_id)


def run_job(job_id: int) -> str:
    job = ImportJob.objects.filter(pk=job_id, state=ImportJob.State.WAITING).first()
    if job is None:
        return "gone"
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.RUNNING)

    def progress(done: int, total: int) -> None:
        # Outside the import's transaction (its own autocommit) so the status page sees it.
        ImportJob.objects.filter(pk=job.pk).update(rows_done=done, rows_total=total)

    try:
        with job.file.open("rb") as file:
            data = file.read()
        result = import_table(
            read_table(data, job.filename),
            actor=job.author,
            filename=job.filename,
            progress=progress,
        )
    except ImportRefused as refused:
        ImportJob.objects.filter(pk=job.pk).update(
            state=ImportJob.State.REFUSED,
            errors=[[line, message] for line, message in refused.errors[:1000]],
            finished_at=timezone.now(),
        )
        return "refused"
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.DONE, result=result.__dict__, finished_at=timezone.now()
    )
    return "done"
