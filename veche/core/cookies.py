"""The visitor's preference cookies — the interface language (set by Django's `set_language`) and
the version for the visually impaired — carry one set of flags: those of the language cookie's
settings (`LANGUAGE_COOKIE_*`: Secure in production, SameSite=Lax, HttpOnly since no script reads
them). Every preference cookie is set through here so the two cannot drift apart."""

from django.conf import settings
from django.http import HttpResponse


def set_preference_cookie(response: HttpResponse, name: str, value: str) -> None:
    response.set_cookie(
        name,
        value,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def delete_preference_cookie(response: HttpResponse, name: str) -> None:
    response.delete_cookie(
        name,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
