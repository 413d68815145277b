"""Freezing a resident's virtual capital pending verification (docs/community.md, "Suspicious
accounts"): a moderator freezes it with a reason and lifts it later, both audited; while frozen
the resident gives nothing (`capital_give` checks it under the same row lock: the resident's
capital account)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veche.core.text import clean_text
from veche.events.services import record_event
from veche.ledger.models import Account, Currency, Kind
from veche.ledger.services import lock_account
from veche.staff.services import audit_log

from ..models import CapitalFreeze


def lock_capital(user) -> Account:
    """The resident's capital account, locked: a freeze and a gift of his wait for each other."""
    return lock_account(currency=Currency.CAPITAL, kind=Kind.PERSONAL, owner=user)


def is_frozen(user) -> bool:
    return CapitalFreeze.objects.filter(user=user, lifted_at__isnull=True).exists()


def capital_freeze(*, moderator, user, reason: str) -> CapitalFreeze:
    if not moderator.has_perm("community.freeze_capital", user):
        raise PermissionDenied(_("Only a moderator freezes capital."))
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the capital is frozen.")}, code="reason")
    try:
        with transaction.atomic():
            lock_capital(user)
            freeze = CapitalFreeze.objects.create(
                user=user, reason=reason[:300], frozen_by=moderator
            )
            audit_log(
                actor=moderator,
                action="community.capital_freeze",
                target=user,
                details={"reason": freeze.reason},
            )
            record_event(kind="community.capital_frozen", subject=freeze, actor=moderator)
            return freeze
    except IntegrityError:
        raise ValidationError(
            _("This resident's capital is already frozen."), code="frozen"
        ) from None


def capital_unfreeze(*, moderator, user) -> CapitalFreeze:
    if not moderator.has_perm("community.freeze_capital", user):
        raise PermissionDenied(_("Only a moderator lifts a freeze."))
    with transaction.atomic():
        lock_capital(user)
        freeze = CapitalFreeze.objects.filter(user=user, lifted_at__isnull=True).first()
        if freeze is None:
            raise ValidationError(_("This resident's capital is not frozen."), code="not_frozen")
        freeze.lifted_at, freeze.lifted_by = timezone.now(), moderator
        freeze.save(update_fields=["lifted_at", "lifted_by"])
        audit_log(actor=moderator, action="community.capital_unfreeze", target=user)
        record_event(kind="community.capital_unfrozen", subject=freeze, actor=moderator)
        return freeze
