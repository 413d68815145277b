"""The benchmark serves the portal as production would (DEBUG off, gunicorn, several workers),
plus one bare-insert view to compare writes with. Plain HTTP on loopback."""

from pathlib import Path

from veche.settings.production import *  # noqa: F403
from veche.settings.production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.benchapp"]
ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The bench's 250 key holders cast thousands of ballots a run (one per poll each): the limit of 20
# per person would answer 429. The slot is still reserved and counted, so its cost is measured.
RATE_LIMIT_POLL_BALLOT = "1000000/600"
# Background tasks stay queued in the database (as in production); no worker drains them here.
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# WhiteNoise warns on every worker when STATIC_ROOT is missing; the benchmark serves no assets.
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # noqa: F405
