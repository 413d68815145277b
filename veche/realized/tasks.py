"""Background work of the registry: the notices of an implementation's step, enqueued by the
services in their own transaction."""

from django_tasks import task


@task()
def deliver_project_notices(kind: str, project_id: int, update_id: int) -> int:
    from .notices import deliver

    return deliver(kind=kind, project_id=project_id, update_id=update_id)
