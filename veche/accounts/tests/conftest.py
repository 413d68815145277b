import pytest
from django.core.cache import cache

from veche.territory.tests.factories import SettlementFactory


@pytest.fixture(autouse=True)
def _fast_hashers(settings):
    # argon2 is slow by design; its own test (test_password.py) switches it back on.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def settlement(db):
    return SettlementFactory(name="Сургут")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the queued e-mails) when the block ends."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
