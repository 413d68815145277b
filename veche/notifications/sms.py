"""The SMS channel: a notice's title and link by SMS, through the platform's SMS backend
(veche/core/sms.py, `SMS_BACKEND`), for a person who turned SMS on in his preferences.

Only to a number proved by a code (phone verification): an SMS costs money and must not reach a
stranger through a mistyped number. `send()` only queues a task, like the e-mail channel; the task
asks the preferences again when it runs.
"""

import logging

from django_tasks import task

from veche.core.sms import send_sms

from .brief import brief
from .channels import Channel
from .messages import Message, Notice
from .selectors import preference_for, user_by_id

logger = logging.getLogger(__name__)

# accounts.User.verification_method of a phone proved by a code (veche/verification).
PHONE_PROVED = "phone"
MAX_TEXT = 300  # characters: a few SMS parts in Cyrillic, never a long letter


def sms_allowed(user) -> bool:
    if not (user.is_active and user.deleted_at is None and user.phone):
        return False
    if user.verification_method != PHONE_PROVED:
        return False
    return preference_for(user).sms_enabled


def sms_text(user, message: Message) -> str:
    short = brief(user, message)
    room = MAX_TEXT - len(short.url) - 1
    title = short.title if len(short.title) <= room else short.title[: room - 1] + "…"
    return f"{title} {short.url}".strip()


class SmsChannel(Channel):
    name = "sms"

    def enabled_for(self, user) -> bool:
        return sms_allowed(user)

    def send(self, notice: Notice) -> None:
        send_notification_sms.enqueue(user_id=notice.user.pk, message=notice.message.as_dict())


@task()
def send_notification_sms(user_id: int, message: dict) -> bool:
    user = user_by_id(user_id)
    parsed = Message.from_dict(message)
    if user is None or parsed.is_digest or not sms_allowed(user):
        logger.info("notification SMS %s to user %s skipped", parsed.kind, user_id)
        return False
    send_sms(phone=user.phone, text=sms_text(user, parsed))
    return True
