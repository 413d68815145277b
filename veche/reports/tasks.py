"""Background work of the reports app: building and delivering the notices of a report event.

The services enqueue `deliver_report_notices` in their own transaction (events.py), so the task
row commits — or vanishes — with the change it tells of.
"""

from django_tasks import task

from . import notices


@task()
def deliver_report_notices(kind: str, report_id: int, entry_id: int | None, data: dict) -> int:
    return notices.deliver(kind=kind, report_id=report_id, entry_id=entry_id, data=data or {})


@task()
def tell_caller(report_id: int, language: str) -> None:
    """Tell a caller the contact centre made an account for: by SMS if he has a phone, by e-mail
    if he has a real address. Builds the links when it runs (no secret in the task's row)."""
    from .notices.caller import tell_caller_now

    tell_caller_now(report_id=report_id, language=language)
