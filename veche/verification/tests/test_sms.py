"""The pluggable SMS backend."""

import io

from veche.core import sms


class RecordingBackend(sms.BaseSmsBackend):
    sent: list = []

    def send(self, phone: str, text: str) -> None:
        RecordingBackend.sent.append((phone, text))


def test_backend_is_chosen_by_settings(settings):
    settings.SMS_BACKEND = f"{__name__}.RecordingBackend"
    sms.send_sms(phone="+79120000000", text="привет")
    assert RecordingBackend.sent == [("+79120000000", "привет")]
    assert sms.outbox == []


def test_locmem_backend_keeps_messages_in_the_outbox():
    sms.send_sms(phone="+79120000000", text="код 123456")
    assert sms.outbox == [sms.SmsMessage(phone="+79120000000", text="код 123456")]


def test_console_backend_prints_the_message():
    stream = io.StringIO()
    sms.ConsoleSmsBackend(stream=stream).send("+79120000000", "код 123456")
    assert stream.getvalue() == "SMS to +79120000000: код 123456\n"


def test_console_backend_is_the_default():
    from veche.settings import base

    assert base.SMS_BACKEND == "veche.core.sms.ConsoleSmsBackend"
