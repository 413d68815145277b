"""A caller the contact centre made an account for by phone claims it: his number, a code by SMS,
the code and a new password, and he is logged in. The pages never tell whether a number has such
an account; codes and checks are rate-limited; a registered resident's number claims nothing."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

from veche.accounts.models import User
from veche.accounts.services import account_create_passwordless
from veche.accounts.tests.factories import UserFactory
from veche.accounts.tests.helpers import without_csrf
from veche.core import sms
from veche.verification.models import PhoneCode, Verification
from veche.verification.services import phone_claim_confirm, phone_claim_start

pytestmark = pytest.mark.django_db

START = "/verification/claim/"
CONFIRM = "/verification/claim/code/"
PHONE = "+79221112233"
PASSWORD = "Severnoe-Siyanie-42"
SENT = "Если контакт-центр создал учётную запись для номера +7…2233, на него отправлен код в СМС."


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def caller(db):
    return account_create_passwordless(phone="8 (922) 111-22-33", first_name="Иван")


def sent_code() -> str:
    return re.search(r"\b(\d{6})\b", sms.outbox[-1].text).group(1)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def confirm(client, code, password=PASSWORD, again=None):
    data = {"code": code, "password1": password, "password2": again or password}
    return client.post(CONFIRM, data)


def page(response) -> str:
    return without_csrf(response.content.decode())


# --- the service ---


def test_a_code_goes_only_to_a_phone_an_account_was_made_for(caller):
    UserFactory(phone="+79225556677")  # registered himself: he resets by e-mail
    assert phone_claim_start(phone="8 922 111-22-33") == PHONE
    assert phone_claim_start(phone="+7 922 555-66-77") == "+79225556677"
    assert phone_claim_start(phone="+7 922 999-00-00") == "+79229990000"
    (message,) = sms.outbox
    assert message.phone == PHONE and sent_code() in message.text
    assert PhoneCode.objects.get().user == caller  # only the keyed hash is kept
    assert sent_code() not in PhoneCode.objects.get().code_hash


def test_a_bad_number_is_refused_in_words(caller):
    with pytest.raises(ValidationError) as error:
        phone_claim_start(phone="12")
    assert error.value.code == "invalid_phone"
    assert not sms.outbox


def test_the_right_code_sets_the_password_confirms_and_verifies(caller):
    phone_claim_start(phone=PHONE)
    user = phone_claim_confirm(phone=PHONE, code=sent_code(), password=PASSWORD)
    assert user == caller
    caller.refresh_from_db()
    assert caller.check_password(PASSWORD)
    assert caller.email_confirmed_at is not None  # may take part: rate the answer, support
    assert (caller.verification_method, caller.verified_at is not None) == ("phone", True)
    assert Verification.objects.get(user=caller).status == Verification.Status.APPROVED
    assert PhoneCode.objects.get().used_at is not None
    assert caller.has_perm("accounts.participate")


def test_every_bad_code_is_refused_alike(caller):
    def refusal(**kwargs) -> tuple:
        with pytest.raises(ValidationError) as error:
            phone_claim_confirm(**{"password": PASSWORD, **kwargs})
        return error.value.code, error.value.messages

    no_code_yet = refusal(phone=PHONE, code="123456")
    phone_claim_start(phone=PHONE)
    code = sent_code()
    wrong_code = refusal(phone=PHONE, code=wrong(code))
    no_account = refusal(phone="+79229990000", code=code)
    with time_machine.travel(timezone.now() + timedelta(minutes=10, seconds=1)):
        expired = refusal(phone=PHONE, code=code)
    assert no_code_yet == wrong_code == no_account == expired == ("wrong_code", ["Неверный код."])
    assert PhoneCode.objects.get().attempts == 1  # the wrong one counted, after the commit
    caller.refresh_from_db()
    assert not caller.check_password(PASSWORD) and caller.email_confirmed_at is None


def test_the_sixth_attempt_is_refused_even_with_the_right_code(caller):
    phone_claim_start(phone=PHONE)
    code = sent_code()
    for _ in range(5):
        with pytest.raises(ValidationError):
            phone_claim_confirm(phone=PHONE, code=wrong(code), password=PASSWORD)
    with pytest.raises(ValidationError):
        phone_claim_confirm(phone=PHONE, code=code, password=PASSWORD)
    caller.refresh_from_db()
    assert not caller.check_password(PASSWORD)


def test_a_password_like_the_name_uses_nothing_up(caller):
    phone_claim_start(phone=PHONE)
    code = sent_code()
    with pytest.raises(ValidationError) as error:
        phone_claim_confirm(phone=PHONE, code=code, password="12345678")
    assert "password" in error.value.message_dict
    assert PhoneCode.objects.get().attempts == 0 and PhoneCode.objects.get().used_at is None
    phone_claim_confirm(phone=PHONE, code=code, password=PASSWORD)


def test_at_most_three_codes_an_hour_per_account(caller):
    for _ in range(4):
        phone_claim_start(phone=PHONE)
    assert len(sms.outbox) == 3


def test_a_registered_residents_number_claims_nothing():
    resident = UserFactory(phone="+79225556677")
    phone_claim_start(phone="+79225556677")
    assert not sms.outbox and not PhoneCode.objects.exists()
    with pytest.raises(ValidationError):
        phone_claim_confirm(phone="+79225556677", code="123456", password=PASSWORD)
    resident.refresh_from_db()
    assert resident.check_password("demo-password")


# --- the pages ---


def test_the_caller_claims_his_account_and_logs_in_with_his_phone(client, caller):
    response = client.post(START, {"phone": "8 922 111-22-33"}, follow=True)
    assert response.redirect_chain[-1][0] == CONFIRM
    assert SENT in response.content.decode()
    response = confirm(client, sent_code())
    assert response.status_code == 302 and response["Location"] == "/accounts/cabinet/"
    assert client.session["_auth_user_id"] == str(caller.pk)
    cabinet = client.get("/accounts/cabinet/").content.decode()
    assert "не указана: вы входите по номеру телефона" in cabinet
    assert "callers.veche.invalid" not in cabinet
    # Next time: the phone and the password on the login page.
    client.logout()
    login = client.post("/accounts/login/", {"username": "8 922 111 22 33", "password": PASSWORD})
    assert login.status_code == 302 and client.session["_auth_user_id"] == str(caller.pk)


def test_the_pages_answer_alike_with_or_without_an_account(client, caller):
    UserFactory(phone="+79225556677")
    answers = []
    for number in ("+7 922 111-22-33", "+7 922 555-66-77", "+7 922 999-44-88"):
        client.cookies.clear()
        start = client.post(START, {"phone": number}, follow=True)
        wrong_code = confirm(client, "000000")
        masked = "…" + number[-5:].replace("-", "")  # the page repeats the number masked
        answers.append(
            (
                start.status_code,
                page(start).replace(masked, "…NNNN"),
                wrong_code.status_code,
                page(wrong_code).replace(masked, "…NNNN"),
            )
        )
    assert answers[0] == answers[1] == answers[2]
    assert "Неверный код. Осталось попыток: 4." in answers[0][3]


def test_the_session_words_expiry_and_used_up_attempts(client, caller):
    client.post(START, {"phone": PHONE})
    code = sent_code()
    for left in (4, 3, 2, 1):
        assert f"Осталось попыток: {left}." in confirm(client, wrong(code)).content.decode()
    assert "Слишком много неверных попыток" in confirm(client, wrong(code)).content.decode()
    assert "Слишком много неверных попыток" in confirm(client, code).content.decode()
    client.post(START, {"phone": PHONE})
    with time_machine.travel(timezone.now() + timedelta(minutes=10, seconds=1)):
        expired = confirm(client, sent_code()).content.decode()
    assert "Срок действия кода истёк. Запросите новый код." in expired
    assert not User.objects.get(pk=caller.pk).check_password(PASSWORD)


def test_codes_are_limited_per_number_whoever_asks(client, caller, settings):
    settings.RATE_LIMIT_REGISTER = "100/3600"
    for number in (PHONE, "+79229990000"):
        for _ in range(3):
            client.cookies.clear()
            assert client.post(START, {"phone": number}).status_code == 302
        response = client.post(START, {"phone": number})
        assert response.status_code == 429
        assert "Слишком много попыток. Попробуйте через" in response.content.decode()
    assert len(sms.outbox) == 3


def test_codes_are_limited_per_client_whatever_the_number(client, settings):
    settings.RATE_LIMIT_REGISTER = "2/3600"
    assert client.post(START, {"phone": "+79229990001"}).status_code == 302
    assert client.post(START, {"phone": "+79229990002"}).status_code == 302
    assert client.post(START, {"phone": "+79229990003"}).status_code == 429


def test_checks_of_a_code_are_limited_like_logins(client, caller, settings):
    settings.RATE_LIMIT_LOGIN = "3/300"
    client.post(START, {"phone": PHONE})
    code = sent_code()
    for _ in range(3):
        confirm(client, wrong(code))
    client.cookies.clear()  # a fresh session does not escape the limit
    client.post(START, {"phone": PHONE})
    response = confirm(client, sent_code())
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_form_says_what_is_wrong_before_a_code_is_checked(client, caller):
    client.post(START, {"phone": PHONE})
    html = confirm(client, "", password="short", again="other").content.decode()
    assert "Введите код из СМС." in html and "Пароли не совпадают." in html
    assert PhoneCode.objects.get().attempts == 0


def test_without_a_number_the_code_page_sends_back(client):
    response = client.get(CONFIRM, follow=True)
    assert response.redirect_chain[-1][0] == START
    assert "Сначала укажите номер телефона" in response.content.decode()


def test_a_logged_in_person_goes_to_his_cabinet(client):
    client.force_login(UserFactory())
    assert client.get(START)["Location"] == "/accounts/cabinet/"


def test_the_login_page_links_to_the_claim(client):
    assert f'href="{START}"' in client.get("/accounts/login/").content.decode()
