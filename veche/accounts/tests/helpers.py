import re

from django.core import mail

LINK = re.compile(r"https?://\S+")


def links_in_last_mail() -> list[str]:
    return LINK.findall(mail.outbox[-1].body)


def path_of(link: str) -> str:
    """http://127.0.0.1:8000/accounts/confirm/x/ → /accounts/confirm/x/"""
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


CSRF = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


def without_csrf(html: str) -> str:
    """A page with its per-request CSRF tokens blanked, to compare two answers."""
    return CSRF.sub(r"\1", html)
