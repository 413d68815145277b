"""The message to a caller the contact centre filed for on a new account: the report's number,
where to see it, and how to claim the account — by a code sent to his phone when he gave only a
phone (verification's claim by phone), by a password reset link that confirms his address when
he gave an e-mail."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from veche.accounts.selectors import has_reachable_email
from veche.core.sms import send_sms

from ..models import Report

logger = logging.getLogger(__name__)
# verification's page where a caller's phone claims the account made for him.
CLAIM_URL = "verification:claim_start"


def tell_caller_now(*, report_id: int, language: str) -> None:
    report = Report.objects.select_related("author").filter(pk=report_id).first()
    if report is None or not report.author.is_active or report.author.deleted_at:
        logger.info("caller message for report %s skipped: gone", report_id)
        return
    author = report.author
    with translation.override(language):
        if author.phone:
            send_sms(phone=author.phone, text=_sms_text(report))
        if has_reachable_email(author):
            send_mail(
                _("Your report № %(number)s is filed") % {"number": report.pk},
                _letter_text(report),
                None,
                [author.email],
            )


def _site(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _sms_text(report: Report) -> str:
    """The report's number, and — for an account only a phone can claim — the page where a code
    by SMS lets him set a password (verification's claim by phone)."""
    if has_reachable_email(report.author):
        return _(
            "Your report № %(number)s is filed on %(site)s. Keep its number: you may ask the "
            "contact centre about it."
        ) % {"number": report.pk, "site": settings.SITE_URL}
    return _(
        "Your report № %(number)s is filed on %(site)s. To follow it and rate the answer, set a "
        "password with a code by SMS: %(claim)s"
    ) % {"number": report.pk, "site": settings.SITE_URL, "claim": _site(reverse(CLAIM_URL))}


def _letter_text(report: Report) -> str:
    return _(
        "Hello!\n\nA contact-centre operator filed your report № %(number)s on the portal and "
        "made you an account with this e-mail address.\n\nTo see the report in your cabinet, "
        "follow its progress and rate the answer, set a password: %(reset)s — the link we send "
        "there also confirms your address.\n\nIf you did not call us, ignore this letter."
    ) % {"number": report.pk, "reset": _site(reverse("accounts:password_reset"))}
