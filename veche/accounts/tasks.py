"""Background work of the accounts app: sending its e-mails."""

import logging

from django.utils import translation
from django_tasks import task

from .emails import LETTERS, build_letter
from .models import User
from .validators import RESERVED_TLDS

logger = logging.getLogger(__name__)


@task()
def send_account_email(
    *, kind: str, language: str, user_id: int | None = None, params: dict | None = None
) -> None:
    needs_user, _builder = LETTERS[kind]
    user = None
    if needs_user:
        user = User.objects.filter(pk=user_id, is_active=True, deleted_at__isnull=True).first()
        if user is None:  # deleted or deactivated since the e-mail was queued
            logger.info("accounts e-mail %s skipped: user %s is gone", kind, user_id)
            return
    with translation.override(language):
        letter = build_letter(kind, user, params or {})
    if not all(deliverable(address) for address in letter.to):
        # A caller's or a client application's account has an address that receives no mail.
        logger.info("accounts e-mail %s skipped: no mailbox behind %s", kind, letter.to)
        return
    letter.send()


def deliverable(address: str) -> bool:
    return address.rpartition(".")[2].lower() not in RESERVED_TLDS


def queue_email(*, kind: str, user: User | None = None, **params: str) -> None:
    """Queue an account e-mail in the current language.

    Queued inside the caller's transaction: the task is a row in the same database, so it commits
    or rolls back with the change it announces (docs/architecture.md, "Side effects")."""
    send_account_email.enqueue(
        kind=kind,
        language=translation.get_language() or "ru",
        user_id=user.pk if user else None,
        params=params,
    )
