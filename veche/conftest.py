"""Fixtures shared by every app's tests. Each app keeps its factories in tests/factories.py."""

import pytest

pytest_plugins = ["veche.testing.browser"]


@pytest.fixture(autouse=True)
def _english_free_defaults(settings):
    # Tests see the portal as a resident does: Russian unless a test switches language.
    settings.LANGUAGE_CODE = "ru"
