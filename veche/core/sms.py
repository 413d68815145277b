"""Pluggable SMS sending, a platform service: phone verification sends its codes and the
notifications' SMS channel its notices through it. `settings.SMS_BACKEND` names the class (a dotted
path).

To use a real gateway, subclass `BaseSmsBackend`, implement `send()` with the gateway's HTTP API and
point `SMS_BACKEND` at it (docs/verification.md shows an example).
"""

import logging
import sys
from dataclasses import dataclass
from typing import TextIO

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("veche.sms")


@dataclass(frozen=True)
class SmsMessage:
    phone: str
    text: str


class BaseSmsBackend:
    """Sends one text message to one E.164 number; raise an exception when the gateway refuses."""

    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    """Development: the message is printed to standard output instead of being sent."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    def send(self, phone: str, text: str) -> None:
        self.stream.write(f"SMS to {phone}: {text}\n")
        self.stream.flush()
        logger.info("SMS printed to the console for %s", phone)


# Messages "sent" by LocmemSmsBackend; tests read and clear it.
outbox: list[SmsMessage] = []


class LocmemSmsBackend(BaseSmsBackend):
    """Tests: messages are kept in the module-level `outbox` list."""

    def send(self, phone: str, text: str) -> None:
        outbox.append(SmsMessage(phone=phone, text=text))


def get_backend() -> BaseSmsBackend:
    return import_string(settings.SMS_BACKEND)()


def send_sms(*, phone: str, text: str) -> None:
    get_backend().send(phone, text)
