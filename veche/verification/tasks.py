"""Background work of verification: the SMS that carries a phone code.

The code is drawn inside the task, not by the service that queues it: the task row (stored in the
database with its arguments) then never holds a usable code, and only the keyed hash is kept.
"""

import logging
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from veche.core.sms import send_sms

from .codes import code_hash
from .models import PhoneCode

logger = logging.getLogger(__name__)


@task()
def send_phone_code(*, phone_code_id: int, language: str) -> None:
    """Draw the code, keep its hash, send it by SMS — unless it was used, expired or replaced."""
    with transaction.atomic():
        phone_code = PhoneCode.objects.select_for_update().filter(pk=phone_code_id).first()
        if phone_code is None or phone_code.used_at or phone_code.expires_at <= timezone.now():
            logger.info("phone code %s not sent: gone, used or expired", phone_code_id)
            return
        code = f"{secrets.randbelow(10**6):06d}"
        phone_code.code_hash = code_hash(
            user_id=phone_code.user_id, phone=phone_code.phone, code=code
        )
        phone_code.full_clean()
        phone_code.save(update_fields=["code_hash"])
        with translation.override(language):
            text = _(
                "%(portal)s: your verification code is %(code)s. Do not tell it to anyone."
            ) % {"portal": settings.PORTAL_NAME, "code": code}
        # Inside the transaction: a refused SMS leaves no hash of a code nobody received.
        send_sms(phone=phone_code.phone, text=text)
