"""Security basics (issue 3, point 9): production settings pass `check --deploy` without a warning,
secure cookies and HSTS, argon2, a strict Content-Security-Policy, no framing."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher, identify_hasher

from veche.accounts.tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[3]
# Environment variables that may weaken production on purpose; the checks run with the defaults.
# (The browser fixtures set DJANGO_ALLOW_ASYNC_UNSAFE for this process, never for a deployment.)
_OVERRIDES = (
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "CSP_REPORT_URI",
    "MEDIA_STORAGE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def _production(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in _OVERRIDES}
    environment.update(
        DJANGO_SETTINGS_MODULE="veche.settings.production",
        SECRET_KEY=secrets.token_urlsafe(48),  # 64 random characters
        ALLOWED_HOSTS="portal.example.ru",
    )
    environment.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def _production_settings(**env: str) -> dict:
    names = [
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "LANGUAGE_COOKIE_SECURE",
        "LANGUAGE_COOKIE_SAMESITE",
        "LANGUAGE_COOKIE_HTTPONLY",
        "SESSION_COOKIE_HTTPONLY",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_PROXY_SSL_HEADER",
        "X_FRAME_OPTIONS",
        "CONTENT_SECURITY_POLICY",
        "PASSWORD_HASHERS",
        "STORAGES",
    ]
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = _production("-c", code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_prints_no_warning():
    result = _production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output and "System check identified some issues" not in output
    assert "System check identified no issues (0 silenced)." in output


def test_production_refuses_a_short_secret_key():
    result = _production("manage.py", "check", SECRET_KEY="short")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_cookies_are_secure_and_hsts_is_on():
    values = _production_settings()
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["LANGUAGE_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    # The flags every preference cookie takes (veche/core/cookies.py).
    assert values["LANGUAGE_COOKIE_SAMESITE"] == "Lax" and values["LANGUAGE_COOKIE_HTTPONLY"]
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    # Behind the proxy, https is known from X-Forwarded-Proto (the proxy must set it).
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["X_FRAME_OPTIONS"] == "DENY"


def test_csp_report_uri_comes_from_the_environment():
    directives = _production_settings()["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert "report-uri" not in directives
    uri = "https://reports.example.ru/csp"
    directives = _production_settings(CSP_REPORT_URI=uri)["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["report-uri"] == [uri]


def test_production_serves_https_only_except_the_health_probe():
    code = (
        "import django; django.setup(); from django.test import Client; "
        "c = Client(HTTP_HOST='portal.example.ru'); "
        "home = c.get('/'); health = c.get('/api/v1/health'); "
        "secure = c.get('/api/v1/health', secure=True); "
        "print(home.status_code, home['Location'], secure['Strict-Transport-Security'], "
        "health.status_code, sep='|')"
    )
    result = _production("-c", code, DATABASE_URL="sqlite:///:memory:")
    assert result.returncode == 0, result.stderr
    home, location, hsts, health = result.stdout.strip().splitlines()[-1].split("|")
    assert (home, location) == ("301", "https://portal.example.ru/")
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert health == "200"


def test_media_goes_to_s3_compatible_storage_when_configured():
    local = _production_settings()["STORAGES"]
    assert local["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert local["staticfiles"]["BACKEND"].startswith("whitenoise.")
    s3 = _production_settings(
        MEDIA_STORAGE="s3", S3_BUCKET="veche-media", S3_ENDPOINT_URL="https://s3.example.ru"
    )["STORAGES"]["default"]
    assert s3["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s3["OPTIONS"]["bucket_name"] == "veche-media"
    assert s3["OPTIONS"]["endpoint_url"] == "https://s3.example.ru"
    assert s3["OPTIONS"]["default_acl"] is None and s3["OPTIONS"]["file_overwrite"] is False


def test_passwords_are_hashed_with_argon2(db):
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    user = UserFactory()
    user.set_password("Сложный-пароль-2025")
    assert isinstance(identify_hasher(user.password), Argon2PasswordHasher)
    assert user.password.startswith("argon2$argon2id$")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/api/v1/docs"])
def test_pages_send_a_strict_content_security_policy(client, url):
    response = client.get(url)

    assert response.status_code == 200
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_pages_cannot_be_framed_or_sniffed(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
