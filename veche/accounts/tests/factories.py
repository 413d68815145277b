"""Factories for users. Other apps import these; keep their names and defaults stable.

Every factory user has the password ``DEMO_PASSWORD``. Its hash is computed once per process and per
hasher (argon2 is deliberately slow), so creating many users stays fast.
"""

from functools import cache

import factory
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from veche.accounts.models import User
from veche.territory.tests.factories import SettlementFactory

DEMO_PASSWORD = "demo-password"  # noqa: S105 - a documented test password


@cache
def _hashed(password: str, hasher: str) -> str:
    return make_password(password)


def hashed_demo_password() -> str:
    return _hashed(DEMO_PASSWORD, settings.PASSWORD_HASHERS[0])


class UserFactory(factory.django.DjangoModelFactory):
    """A resident with a confirmed e-mail, a settlement and a phone; not verified, no roles."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    last_name = factory.Sequence(lambda n: f"Иванов{n}")
    first_name = "Иван"
    settlement = factory.SubFactory(SettlementFactory)
    phone = factory.Sequence(lambda n: f"+7912{n % 10_000_000:07d}")
    password = factory.LazyFunction(hashed_demo_password)
    personal_data_consent_at = factory.LazyFunction(timezone.now)
    email_confirmed_at = factory.LazyFunction(timezone.now)
    verified_at = None
    verification_method = ""
    is_active = True


class UnconfirmedUserFactory(UserFactory):
    """A resident who registered but has not yet followed the confirmation link."""

    email_confirmed_at = None


class VerifiedUserFactory(UserFactory):
    """A resident whose identity was verified (by phone code here)."""

    verified_at = factory.LazyFunction(timezone.now)
    verification_method = "phone"


class StaffUserFactory(UserFactory):
    """A back-office user without a settlement; give it roles with the staff app's factories."""

    settlement = None
    is_staff = True
