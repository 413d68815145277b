"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL says so."""

import os

from .base import *  # noqa: F403
from .base import TASKS

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
DEBUG = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tasks run at once in tests so their effects can be asserted; the DB backend has its own tests.
TASKS = {**TASKS, "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "verification": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SMS_BACKEND = "veche.core.sms.LocmemSmsBackend"

# SQLite tests use a file, not shared-cache memory, so that concurrent-request tests wait on the
# busy timeout as production does instead of failing with "table is locked". One file per process.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")  # noqa: F405
    }

# Tests change tokens directly; the token cache has its own test that turns it on.
API_TOKEN_CACHE_SECONDS = 0
# Tests make and roll back catalogues; the filter lists' cache has its own test.
REPORT_FILTER_CHOICES_CACHE_SECONDS = 0
# Tests make and roll back knowledge bases; the chatbot's matcher cache has its own test.
CHATBOT_KNOWLEDGE_CACHE_SECONDS = 0
# The messenger bot's replies are kept in veche.chatbot.adapters.outbox.
CHATBOT_MESSENGER_SENDER = "veche.chatbot.adapters.LocmemSender"
# Tests count what they have just made; the lists' count cache has its own test.
LIST_COUNT_CACHE_SECONDS = 0
# Tests count what they have just made; the map's cell cache has its own test.
MAP_CELLS_CACHE_SECONDS = 0
# Factories change data without events (the guest-page cache's version); its tests turn it on.
GUEST_PAGE_CACHE_SECONDS = 0
