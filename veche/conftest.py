"""Fixtures shared by every app's tests. Each app keeps its factories in tests/factories.py."""

import pytest

pytest_plugins = ["veche.testing.browser"]


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (``--dist loadgroup``) the browser tests run in one worker, one Chromium
    at a time beside the rest of the suite, instead of two browsers racing for two cores."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(autouse=True)
def _english_free_defaults(settings):
    # Tests see the portal as a resident does: Russian unless a test switches language.
    settings.LANGUAGE_CODE = "ru"


@pytest.fixture(autouse=True)
def _fresh_poll_questions():
    """A ballot keeps a poll's frozen questions per process, by the poll's id; a rolled-back
    test database gives the same ids to other polls in the next test."""
    from veche.polls.services.ballots import forget_frozen_questions

    forget_frozen_questions()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate-limit counters, cached counts and pages left by
    an earlier test in the same process (a login test's ten failures from 127.0.0.1) would
    otherwise decide what a later one sees."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def db_tasks(settings, db):
    """Background tasks stored in the database, as in production (the test settings run them at
    once): a test can then count the rows a change left behind and run them itself."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return DBTaskResult.objects


@pytest.fixture(autouse=True)
def _fresh_account_ids():
    """The ledger knows account ids per process by owner; a rolled-back or flushed test database
    gives those ids to other accounts (post would catch it and open the account again)."""
    from veche.ledger.services import forget_accounts

    forget_accounts()
