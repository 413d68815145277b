"""Background work of comments: the notices of a change, enqueued in its transaction."""

from django_tasks import task

from . import notices


@task()
def deliver_comment_notices(notice: str, comment_id: int, note: str = "") -> int:
    return notices.deliver(notice=notice, comment_id=comment_id, note=note)
