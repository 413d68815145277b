"""Background work: delivering report events and sending notification e-mails.

Both run in the worker (`manage.py db_worker`), in the portal's language. The report services
enqueue `deliver_report_event` in their own transaction (veche/reports/events.py), so the task
row commits — or vanishes — with the change it tells of.
"""

import logging

from django.conf import settings
from django.utils import translation
from django_tasks import task

from . import services
from .channels import EmailChannel, Message
from .emails import build_email
from .selectors import user_by_id

logger = logging.getLogger(__name__)


@task()
def deliver_report_event(kind: str, report_id: int, entry_id: int | None, data: dict) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        return services.report_event_deliver(
            kind=kind, report_id=report_id, entry_id=entry_id, data=data or {}
        )


@task()
def send_notification_email(user_id: int, message: dict) -> bool:
    """Send one notification e-mail. The links (and the unsubscribe token) are made now, so no
    working link waits in the task table; the user's preferences are asked again, too."""
    user = user_by_id(user_id)
    parsed = Message.from_dict(message)
    if user is None or not EmailChannel().accepts(user, parsed):
        logger.info("notification e-mail %s to user %s skipped", parsed.kind, user_id)
        return False
    with translation.override(settings.LANGUAGE_CODE):
        build_email(user, parsed).send()
    return True
