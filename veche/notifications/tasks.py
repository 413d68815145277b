"""Background work of the notifications app: sending a notification e-mail.

The task runs in the worker (`manage.py db_worker`) and writes in the recipient's language
(his preference, else the portal's). It imports no channel: channels enqueue it, never the
other way round.
"""

import logging

from django_tasks import task

from .emails import build_email
from .messages import Message
from .selectors import email_allowed, language_for, user_by_id
from .text import language

logger = logging.getLogger(__name__)


@task()
def send_notification_email(user_id: int, message: dict) -> bool:
    """Send one notification e-mail. The links (and the unsubscribe token) are made now, so no
    working link waits in the task table; the user's preferences are asked again, too."""
    user = user_by_id(user_id)
    parsed = Message.from_dict(message)
    if user is None or not email_allowed(user, digest=parsed.is_digest):
        logger.info("notification e-mail %s to user %s skipped", parsed.kind, user_id)
        return False
    with language(language_for(user)):
        build_email(user, parsed).send()
    return True
