"""Background work of budgeting: the invitation letter and the notices of an application's
step. The services enqueue them in their own transaction."""

from django_tasks import task


@task()
def send_invitation(invitation_id: int) -> bool:
    from .notices import send_invitation_letter

    return send_invitation_letter(invitation_id)


@task()
def deliver_application_notices(kind: str, application_id: int) -> int:
    from .notices import deliver

    return deliver(kind=kind, application_id=application_id)
