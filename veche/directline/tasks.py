"""Background work of the direct line: the asker's notices, enqueued by the services in their own
transaction, so a rolled-back change leaves nothing to send."""

from django_tasks import task


@task()
def deliver_question_notice(kind: str, question_id: int, reason: str = "") -> int:
    from .notices import deliver

    return deliver(kind=kind, question_id=question_id, reason=reason)
