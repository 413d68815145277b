"""A stolen session cannot guess the password that the change of e-mail and deletion re-ask."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from veche.accounts import services
from veche.accounts.tests.factories import DEMO_PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_wrong_passwords_are_limited_then_even_the_right_one_waits(settings):
    settings.RATE_LIMIT_LOGIN = "3/300"
    user = UserFactory()
    for _ in range(3):
        with pytest.raises(ValidationError) as error:
            services.account_delete(user=user, password="guess")
        assert "Неверный пароль" in str(error.value) or "пароль" in str(error.value).lower()
    with pytest.raises(ValidationError) as error:
        services.email_change_request(
            user=user, new_email="new@example.org", password=DEMO_PASSWORD
        )
    assert "Слишком много попыток" in str(error.value)
    user.refresh_from_db()
    assert user.deleted_at is None


@pytest.mark.django_db
def test_the_right_password_within_the_limit_works(settings):
    settings.RATE_LIMIT_LOGIN = "3/300"
    user = UserFactory()
    with pytest.raises(ValidationError):
        services.account_delete(user=user, password="guess")
    services.account_delete(user=user, password=DEMO_PASSWORD)
    user.refresh_from_db()
    assert user.deleted_at is not None
