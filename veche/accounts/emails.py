"""The account e-mails: what each one says and to whom. Sent by the task in tasks.py.

Links are built when the e-mail is sent, not when it is queued, so that no working link is ever
stored in the task queue's table.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import User
from .tokens import make_change_token, make_confirm_token


@dataclass(frozen=True)
class Letter:
    to: str
    subject: str
    template: str
    context: dict


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def mask_email(email: str) -> str:
    """ivan@example.org → i***@example.org: enough to recognise, not enough to harvest."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def confirm_link(user: User) -> str:
    token = make_confirm_token(user_id=user.pk, email=user.email)
    return absolute(reverse("accounts:confirm_email", args=[token]))


def password_reset_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute(reverse("accounts:password_reset_confirm", args=[uid, token]))


def _confirm(user: User | None, params: dict) -> Letter:
    return Letter(
        user.email,
        _("Confirm your e-mail address"),
        "accounts/email/confirm.txt",
        {"link": confirm_link(user)},
    )


def _registration_attempt(user: User | None, params: dict) -> Letter:
    context = {
        "reset_link": password_reset_link(user),
        "login_link": absolute(reverse("accounts:login")),
    }
    if not user.is_email_confirmed:
        context["confirm_link"] = confirm_link(user)
    return Letter(
        user.email,
        _("Someone tried to register with your e-mail address"),
        "accounts/email/registration_attempt.txt",
        context,
    )


def _phone_taken(user: User | None, params: dict) -> Letter:
    return Letter(
        params["email"],
        _("Your registration could not be completed"),
        "accounts/email/phone_taken.txt",
        {"reset_request_link": absolute(reverse("accounts:password_reset"))},
    )


def _password_reset(user: User | None, params: dict) -> Letter:
    return Letter(
        user.email,
        _("Password reset"),
        "accounts/email/password_reset.txt",
        {"link": password_reset_link(user)},
    )


def _email_change_confirm(user: User | None, params: dict) -> Letter:
    token = make_change_token(user_id=user.pk, old_email=user.email, new_email=params["new_email"])
    return Letter(
        params["new_email"],
        _("Confirm your new e-mail address"),
        "accounts/email/email_change_confirm.txt",
        {"link": absolute(reverse("accounts:email_change_confirm", args=[token]))},
    )


def _email_change_taken(user: User | None, params: dict) -> Letter:
    return Letter(
        params["new_email"],
        _("Someone tried to use your e-mail address"),
        "accounts/email/email_change_taken.txt",
        {},
    )


def _email_changed(user: User | None, params: dict) -> Letter:
    return Letter(
        params["old_email"],
        _("The e-mail address of your account was changed"),
        "accounts/email/email_changed.txt",
        {"new_email_masked": mask_email(user.email)},
    )


# kind → (needs an active user, builder)
LETTERS: dict[str, tuple[bool, Callable[[User | None, dict], Letter]]] = {
    "confirm": (True, _confirm),
    "registration_attempt": (True, _registration_attempt),
    "phone_taken": (False, _phone_taken),
    "password_reset": (True, _password_reset),
    "email_change_confirm": (True, _email_change_confirm),
    "email_change_taken": (False, _email_change_taken),
    "email_changed": (True, _email_changed),
}


def build_letter(kind: str, user: User | None, params: dict) -> EmailMessage:
    letter = LETTERS[kind][1](user, params)
    context = {
        **letter.context,
        "user": user,
        "portal_name": settings.PORTAL_NAME,
        "site_url": settings.SITE_URL,
    }
    body = render_to_string(letter.template, context)
    subject = f"{settings.PORTAL_NAME}: {letter.subject}"
    return EmailMessage(subject=subject, body=body, to=[letter.to])
