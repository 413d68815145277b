"""The SMS channel: a notice reaches the SMS backend for a person who turned SMS on, to a number
proved by a code — and for no one else."""

import pytest
from django.core.exceptions import ValidationError

from veche.accounts.tests.factories import UserFactory
from veche.core import sms
from veche.notifications import services
from veche.notifications.channels import deliver
from veche.notifications.messages import Message
from veche.notifications.models import Preference
from veche.notifications.tokens import SCOPE_DIGEST

from .factories import PreferenceFactory

pytestmark = pytest.mark.django_db

NOTICE = Message(kind="status_changed", title="Сообщение № 5: новый статус", link="/reports/5/")


@pytest.fixture(autouse=True)
def _empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def resident(phone: str, *, proved: bool = True, sms_on: bool = True):
    user = UserFactory(phone=phone, verification_method="phone" if proved else "")
    PreferenceFactory(user=user, sms_enabled=sms_on)
    return user


def test_an_sms_reaches_the_backend_for_who_opted_in(settings):
    settings.SITE_URL = "https://veche.example.ru"
    anna = resident("+79120000001")
    assert "sms" in deliver(anna, NOTICE)
    [message] = sms.outbox
    assert message.phone == "+79120000001"
    assert message.text == "Сообщение № 5: новый статус https://veche.example.ru/reports/5/"


def test_no_sms_without_the_choice_a_proved_number_or_for_the_digest():
    not_opted = resident("+79120000002", sms_on=False)
    unproved = resident("+79120000003", proved=False)
    opted = resident("+79120000004")
    no_preference_row = UserFactory(phone="+79120000005", verification_method="phone")
    for user in (not_opted, unproved, no_preference_row):
        assert "sms" not in deliver(user, NOTICE)
    assert "sms" not in deliver(
        opted, Message(kind="digest", title="Сводка", unsubscribe=SCOPE_DIGEST)
    )
    assert sms.outbox == []


def test_a_long_title_is_cut_and_the_link_kept():
    anna = resident("+79120000006")
    deliver(anna, Message(kind="status_changed", title="Я" * 400, link="/reports/5/"))
    [message] = sms.outbox
    assert len(message.text) <= 300 and message.text.endswith("/reports/5/")


def test_sms_can_be_turned_on_only_for_a_proved_number():
    unproved = UserFactory(phone="+79120000007", verification_method="document")
    with pytest.raises(ValidationError) as error:
        services.preferences_update(
            user=unproved, email_enabled=True, digest_enabled=True, sms_enabled=True
        )
    assert "подтверждённый кодом" in str(error.value)
    assert not Preference.objects.filter(user=unproved).exists()

    proved = UserFactory(phone="+79120000008", verification_method="phone")
    services.preferences_update(
        user=proved, email_enabled=True, digest_enabled=True, sms_enabled=True
    )
    assert Preference.objects.get(user=proved).sms_enabled is True


def test_the_preferences_page_explains_a_refused_sms_choice(client):
    unproved = UserFactory(phone="+79120000009")
    client.force_login(unproved)
    response = client.post(
        "/notifications/preferences/", {"email_enabled": "on", "sms_enabled": "on"}
    )
    assert response.status_code == 200
    assert "SMS приходят только на номер, подтверждённый кодом." in response.text
    assert not Preference.objects.filter(user=unproved).exists()

    proved = UserFactory(phone="+79120000010", verification_method="phone")
    client.force_login(proved)
    response = client.post("/notifications/preferences/", {"sms_enabled": "on"})
    assert response.status_code == 302
    preference = Preference.objects.get(user=proved)
    assert preference.sms_enabled is True and preference.email_enabled is False
