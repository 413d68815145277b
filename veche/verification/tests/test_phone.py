"""phone_verification_start / phone_verification_confirm: code by SMS, attempts, expiry, limits."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from veche.accounts.tests.factories import UnconfirmedUserFactory, UserFactory, VerifiedUserFactory
from veche.core import sms
from veche.verification.models import PhoneCode, Verification
from veche.verification.services import phone_verification_confirm, phone_verification_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def start(django_capture_on_commit_callbacks):
    """Start a phone verification and return the code from the SMS that was sent after commit."""

    def run(user, phone=None) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            phone_verification_start(user=user, phone=phone)
        return re.search(r"\b(\d{6})\b", sms.outbox[-1].text).group(1)

    return run


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_code_is_sent_by_sms_to_the_users_phone_and_stored_only_hashed(start):
    user = UserFactory(phone="+79123456789")
    code = start(user)
    assert len(sms.outbox) == 1
    assert sms.outbox[0].phone == "+79123456789"
    assert code in sms.outbox[0].text
    stored = PhoneCode.objects.get(user=user)
    assert code not in stored.code_hash
    assert stored.expires_at - stored.created_at == timedelta(minutes=10)
    pending = Verification.objects.get(user=user)
    assert (pending.method, pending.status, pending.phone) == ("phone", "pending", "+79123456789")


def test_right_code_verifies_the_user_by_phone(start):
    user = UserFactory()
    code = start(user)
    verification = phone_verification_confirm(user=user, code=code)
    user.refresh_from_db()
    assert user.verified_at is not None
    assert user.verification_method == "phone"
    assert verification.status == Verification.Status.APPROVED
    assert verification.decided_at is not None
    assert PhoneCode.objects.get(user=user).used_at is not None


def test_wrong_code_counts_an_attempt_and_says_how_many_are_left(start):
    user = UserFactory()
    code = start(user)
    with pytest.raises(ValidationError) as error:
        phone_verification_confirm(user=user, code=wrong(code))
    assert error.value.messages == ["Неверный код. Осталось попыток: 4."]
    assert PhoneCode.objects.get(user=user).attempts == 1
    user.refresh_from_db()
    assert user.verified_at is None


def test_sixth_attempt_is_refused_even_with_the_right_code(start):
    user = UserFactory()
    code = start(user)
    for _ in range(5):
        with pytest.raises(ValidationError):
            phone_verification_confirm(user=user, code=wrong(code))
    with pytest.raises(ValidationError) as error:
        phone_verification_confirm(user=user, code=code)
    assert error.value.messages == ["Слишком много неверных попыток. Запросите новый код."]
    user.refresh_from_db()
    assert user.verified_at is None
    assert PhoneCode.objects.get(user=user).attempts == 5


def test_expired_code_is_refused(start):
    user = UserFactory()
    code = start(user)
    with time_machine.travel(timezone.now() + timedelta(minutes=10, seconds=1)):
        with pytest.raises(ValidationError) as error:
            phone_verification_confirm(user=user, code=code)
    assert error.value.messages == ["Срок действия кода истёк. Запросите новый код."]
    user.refresh_from_db()
    assert user.verified_at is None


def test_a_new_code_replaces_the_previous_one(start):
    user = UserFactory()
    first = start(user)
    second = start(user)
    if first == second:  # one chance in a million; the hashes are still distinct rows
        pytest.skip("the same code was drawn twice")
    with pytest.raises(ValidationError):
        phone_verification_confirm(user=user, code=first)
    phone_verification_confirm(user=user, code=second)
    assert Verification.objects.filter(user=user).count() == 1


def test_at_most_three_codes_an_hour(start):
    user = UserFactory()
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        for _ in range(3):
            start(user)
        with pytest.raises(ValidationError) as error:
            phone_verification_start(user=user)
    assert error.value.messages == [
        "Код можно запросить не более 3 раз в час. Повторите попытку через 60 мин."
    ]
    assert PhoneCode.objects.filter(user=user).count() == 3
    assert len(sms.outbox) == 3
    with time_machine.travel(now + timedelta(hours=1, seconds=1)):
        start(user)
    assert PhoneCode.objects.filter(user=user).count() == 4


def test_user_without_confirmed_email_cannot_start():
    user = UnconfirmedUserFactory()
    with pytest.raises(PermissionDenied) as error:
        phone_verification_start(user=user)
    assert str(error.value) == "Сначала подтвердите адрес электронной почты, затем личность."
    assert not PhoneCode.objects.exists()
    assert not Verification.objects.exists()
    assert sms.outbox == []


def test_verified_user_cannot_start_again():
    with pytest.raises(PermissionDenied):
        phone_verification_start(user=VerifiedUserFactory())
    assert not PhoneCode.objects.exists()


def test_another_number_is_normalized_and_becomes_the_users_on_success(start):
    user = UserFactory(phone="+79120000001")
    code = start(user, phone="8 (912) 765-43-21")
    assert sms.outbox[-1].phone == "+79127654321"
    phone_verification_confirm(user=user, code=code)
    user.refresh_from_db()
    assert user.phone == "+79127654321"


def test_number_of_another_account_is_refused():
    UserFactory(phone="+79127654321")
    user = UserFactory()
    with pytest.raises(ValidationError) as error:
        phone_verification_start(user=user, phone="+7 912 765-43-21")
    assert error.value.messages == ["Этот номер телефона указан в другой учётной записи."]
    assert not Verification.objects.exists()


def test_malformed_number_is_refused():
    with pytest.raises(ValidationError) as error:
        phone_verification_start(user=UserFactory(), phone="12345")
    assert error.value.messages == ["Введите номер телефона, например +7 912 345-67-89."]


def test_user_without_phone_must_give_one():
    with pytest.raises(ValidationError) as error:
        phone_verification_start(user=UserFactory(phone=None))
    assert error.value.messages == ["Укажите номер телефона, на который отправить код."]


def test_confirm_without_a_code_requested():
    with pytest.raises(ValidationError) as error:
        phone_verification_confirm(user=UserFactory(), code="123456")
    assert error.value.messages == ["Сначала запросите код."]


def test_malformed_code_does_not_use_an_attempt(start):
    user = UserFactory()
    start(user)
    with pytest.raises(ValidationError) as error:
        phone_verification_confirm(user=user, code="12ab")
    assert error.value.messages == ["Код состоит из шести цифр."]
    assert PhoneCode.objects.get(user=user).attempts == 0


def test_code_of_one_user_does_not_verify_another(start):
    alice, bob = UserFactory(), UserFactory()
    code = start(alice)
    with pytest.raises(ValidationError):
        phone_verification_confirm(user=bob, code=code)
    bob.refresh_from_db()
    assert bob.verified_at is None
