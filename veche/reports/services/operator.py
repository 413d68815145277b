"""The contact centre files for a caller: on his account, or on a new one made for him without a
password (accounts.services.account_create_passwordless), in one transaction with the report and
the task that tells him (by SMS and, if he gave one, by e-mail)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from veche.accounts.models import User
from veche.accounts.services import account_create_passwordless

from ..models import Channel, Report
from ..tasks import tell_caller
from .filing import report_submit

NOT_OPERATOR = _("Only contact-centre operators file reports for residents.")


def report_file_for_caller(
    *,
    operator,
    caller: User | None,
    email: str = "",
    phone: str = "",
    first_name: str = "",
    last_name: str = "",
    **report,
) -> tuple[Report, bool]:
    """File the report dictated by phone; `report` holds report_submit's arguments (topic, text,
    lat, lon, …). `caller` is his existing account; None makes one from `email` or `phone`.

    Returns the report and whether an account was made. The caller of a new account is told how
    to find the report and claim the account; the task is enqueued in this transaction, so a
    refused report leaves neither an account nor a message."""
    if not operator.has_perm("reports.file_on_behalf"):
        raise PermissionDenied(NOT_OPERATOR)
    with transaction.atomic():
        created = caller is None
        if created:
            caller = account_create_passwordless(
                email=email, phone=phone, first_name=first_name, last_name=last_name
            )
        filed = report_submit(author=caller, filed_by=operator, channel=Channel.OPERATOR, **report)
        if created:
            tell_caller.enqueue(report_id=filed.pk, language=translation.get_language() or "ru")
    return filed, created
