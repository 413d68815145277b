"""Every change to an account: registration, confirmation, change of e-mail, export, deletion.

Registration and change of e-mail never say whether an address (or a phone) is already taken: the
page looks the same either way, and the owner of the address learns what happened by e-mail.
"""

import secrets

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from veche.territory.models import Settlement

from . import privacy, throttle
from .models import User
from .phones import normalize_phone
from .selectors import CALLER_DOMAIN, INTEGRATION_DOMAIN
from .tasks import queue_email
from .tokens import (
    TokenInvalid,
    TokenUsed,
    fingerprint_matches,
    read_change_token,
    read_confirm_token,
)
from .validators import normalize_email, normalize_name, validate_deliverable_email, validate_name

CONSENT_REQUIRED = _("Registration is possible only with consent to personal data processing.")
SETTLEMENT_REQUIRED = _("Choose your settlement.")
WRONG_PASSWORD = _("The password is wrong.")
SAME_EMAIL = _("This is already your e-mail address.")
EXPORT_FORMAT = "veche.personal-data/1"
DEFAULT_FIRST_NAME = "Житель"  # a resident filed for without a usable name


def _collect(errors: dict, field: str, check) -> object:
    """Run one check; keep its ValidationError under `field` instead of stopping at the first."""
    try:
        return check()
    except ValidationError as error:
        errors.setdefault(field, []).extend(error.messages)
        return None


def _checked_name(value: str) -> str:
    value = normalize_name(value)
    if not value:
        raise ValidationError(_("This field is required."), code="required")
    validate_name(value)
    return value


def _checked_email(value: str) -> str:
    value = normalize_email(value)
    if not value:
        raise ValidationError(_("This field is required."), code="required")
    validate_deliverable_email(value)
    return value


def user_register(
    *,
    last_name: str,
    first_name: str,
    settlement: Settlement | None,
    email: str,
    phone: str,
    password: str,
    consent: bool,
) -> User | None:
    """Create an unconfirmed resident and send him the confirmation link.

    Returns None, creating nothing, when the e-mail or the phone is already registered: the owner
    of the address is told by e-mail instead of the person at the keyboard (no enumeration).
    Raises ValidationError keyed by argument name when the input is wrong.
    """
    errors: dict[str, list[str]] = {}
    fields = {
        "last_name": _collect(errors, "last_name", lambda: _checked_name(last_name)),
        "first_name": _collect(errors, "first_name", lambda: _checked_name(first_name)),
        "email": _collect(errors, "email", lambda: _checked_email(email)),
        "phone": _collect(errors, "phone", lambda: normalize_phone(phone)),
    }
    if settlement is None:
        errors["settlement"] = [str(SETTLEMENT_REQUIRED)]
    if not consent:
        errors["consent"] = [str(CONSENT_REQUIRED)]
    user = User(**fields, settlement=settlement, personal_data_consent_at=timezone.now())
    _collect(errors, "password", lambda: validate_password(password, user))
    if errors:
        raise ValidationError(errors)
    # Hashed before the lookups: the slow hash, skipped for a taken address or phone, would let the
    # response time tell that someone is registered.
    user.password = make_password(password)

    with transaction.atomic():
        existing = User.objects.filter(email__iexact=user.email).first()
        if existing is not None:
            queue_email(kind="registration_attempt", user=existing)
            return None
        if User.objects.filter(phone=user.phone).exists():
            queue_email(kind="phone_taken", email=user.email)
            return None
        user.full_clean()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:  # the same address or phone registered a moment ago
            return None
        queue_email(kind="confirm", user=user)
    return user


def account_create_passwordless(
    *, email: str = "", phone: str = "", first_name: str = "", last_name: str = ""
) -> User:
    """The account of a resident someone else files for (an Open311 client, the contact centre),
    or the existing account with this address (else this phone).

    It has a password nobody knows and an unconfirmed e-mail: the resident claims it by asking for
    a password reset, whose link (sent to the address) also confirms the e-mail. A caller who
    gives only a phone number gets an address on a reserved domain that never receives mail
    (CALLER_DOMAIN) until he gives his own. Names that are not names (Open311 clients send what
    they have) give way to the neutral «Житель».
    Raises ValidationError keyed `email` or `phone` when neither is usable.
    """
    if not email.strip() and phone.strip():
        return _account_for_phone(phone=phone, first_name=first_name, last_name=last_name)
    try:
        email = _checked_email(email)
    except ValidationError as error:
        raise ValidationError({"email": error.messages}) from error
    with transaction.atomic():
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None:
            return existing
        return _create_claimable(email=email, first_name=first_name, last_name=last_name)


def _account_for_phone(*, phone: str, first_name: str, last_name: str) -> User:
    try:
        phone = normalize_phone(phone)
    except ValidationError as error:
        raise ValidationError({"phone": error.messages}) from error
    with transaction.atomic():
        existing = User.objects.filter(phone=phone).first()
        if existing is not None:
            return existing
        email = f"phone-{phone.lstrip('+')}@{CALLER_DOMAIN}"
        return _create_claimable(
            email=email, phone=phone, first_name=first_name, last_name=last_name
        )


def _create_claimable(*, email: str, first_name: str, last_name: str, phone=None) -> User:
    """Create the account in the caller's transaction; a twin created a moment ago wins."""
    user = User(
        email=email,
        phone=phone,
        first_name=_name_or(first_name, DEFAULT_FIRST_NAME),
        last_name=_name_or(last_name, ""),
    )
    _set_unknown_password(user)
    user.full_clean(exclude=["last_name"])  # a client may know no surname; he adds it later
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same address or phone filed a moment ago
        return User.objects.get(email__iexact=email)
    return user


def account_create_for_integration(*, name: str) -> User:
    """The own account of a client application (a city app, a contact centre's system), or the
    existing one of that name. Its address is on a reserved domain that never receives mail, it
    cannot log in, and it counts as confirmed so that it may act through its API keys."""
    slug = slugify(name, allow_unicode=False) or "client"
    with transaction.atomic():
        account = User.objects.filter(email=f"{slug}@{INTEGRATION_DOMAIN}").first()
        if account is not None:
            return account
        account = User(
            email=f"{slug}@{INTEGRATION_DOMAIN}",
            first_name=name.strip()[:100] or slug,
            last_name="Open311",
            email_confirmed_at=timezone.now(),
        )
        account.set_unusable_password()
        account.full_clean()
        account.save()
    return account


def _name_or(value: str, default: str) -> str:
    value = normalize_name(value)[:100]
    try:
        validate_name(value)
    except ValidationError:
        return default
    return value


def _set_unknown_password(user: User) -> None:
    # A random password nobody knows, not an unusable one: Django's password reset skips unusable
    # passwords, and the reset link is how the owner claims the account.
    user.set_password(secrets.token_urlsafe(32))


def _save_fields(user: User, fields: list[str]) -> None:
    """Check and save only these fields: an account made for someone may lack a surname."""
    user.full_clean(exclude=[f.name for f in User._meta.fields if f.name not in fields])
    user.save(update_fields=fields)


@transaction.atomic
def password_set_by_link(*, user: User, password: str) -> User:
    """Set the password chosen after following a reset link. The link went to the address, so
    the address is proven: an account made for the resident (or never confirmed) is now his."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    validate_password(password, locked)
    locked.set_password(password)
    fields = ["password"]
    if locked.email_confirmed_at is None:
        locked.email_confirmed_at = timezone.now()
        fields.append("email_confirmed_at")
    _save_fields(locked, fields)
    return locked


def email_confirm_by_staff(*, actor, user: User) -> bool:
    """Staff confirm an address they checked another way (the resident came or called in).
    Returns False when it was confirmed already. Raises PermissionDenied for staff who may not
    change accounts, ValidationError for a closed account."""
    if not actor.has_perm("accounts.change_user"):
        raise PermissionDenied(_("You may not change accounts."))
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if not locked.is_active or locked.deleted_at is not None:
            raise ValidationError(_("This account is closed."), code="closed")
        if locked.email_confirmed_at is not None:
            return False
        locked.email_confirmed_at = timezone.now()
        _save_fields(locked, ["email_confirmed_at"])
    user.email_confirmed_at = locked.email_confirmed_at
    return True


def confirmation_resend(*, email: str) -> None:
    """Send a new confirmation link if an active, unconfirmed account has this address."""
    user = User.objects.filter(
        email=normalize_email(email), is_active=True, email_confirmed_at__isnull=True
    ).first()
    if user is not None:
        queue_email(kind="confirm", user=user)


@transaction.atomic
def email_confirm(*, token: str) -> User:
    """Confirm the address the link was sent to. Raises TokenExpired, TokenInvalid or TokenUsed."""
    payload = read_confirm_token(token)
    user = (
        User.objects.select_for_update()
        .filter(pk=payload.user_id, is_active=True, deleted_at__isnull=True)
        .first()
    )
    if user is None or not fingerprint_matches(payload.fingerprint, user.email):
        raise TokenInvalid
    if user.email_confirmed_at is not None:
        raise TokenUsed
    user.email_confirmed_at = timezone.now()
    user.full_clean()
    user.save(update_fields=["email_confirmed_at"])
    return user


def email_change_request(*, user: User, new_email: str, password: str) -> None:
    """Send a confirmation link to the new address; the old one stays until it is followed.

    If another account already has the new address, its owner is told instead, and the page the
    requester sees is the same.
    """
    errors: dict[str, list[str]] = {}
    new_email = _collect(errors, "new_email", lambda: _checked_email(new_email))
    if new_email and new_email == user.email:
        errors["new_email"] = [str(SAME_EMAIL)]
    if not throttle.current_password_ok(user, password):
        errors["password"] = [str(WRONG_PASSWORD)]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if User.objects.filter(email__iexact=new_email).exists():
            queue_email(kind="email_change_taken", new_email=new_email)
        else:
            queue_email(kind="email_change_confirm", user=user, new_email=new_email)


@transaction.atomic
def email_change_confirm(*, token: str) -> User:
    """Replace the address with the confirmed new one and tell the old address.

    Raises TokenExpired, TokenInvalid, or TokenUsed (the change is done, or the address was taken
    by another account in the meantime).
    """
    payload = read_change_token(token)
    user = (
        User.objects.select_for_update()
        .filter(pk=payload.user_id, is_active=True, deleted_at__isnull=True)
        .first()
    )
    if user is None:
        raise TokenInvalid
    if user.email == payload.new_email:
        raise TokenUsed
    if not fingerprint_matches(payload.old_fingerprint, user.email):
        raise TokenInvalid
    if User.objects.filter(email__iexact=payload.new_email).exists():
        raise TokenUsed
    old_email = user.email
    user.email = payload.new_email
    user.email_confirmed_at = timezone.now()
    user.full_clean()
    try:
        with transaction.atomic():
            user.save(update_fields=["email", "email_confirmed_at"])
    except IntegrityError as error:
        raise TokenUsed from error
    queue_email(kind="email_changed", user=user, old_email=old_email)
    return user


def personal_data_export(*, user: User) -> dict:
    """Everything the portal keeps about the user, as JSON-ready data: profile, roles, and the
    sections other apps registered (veche.accounts.privacy)."""
    data: dict = {
        "format": EXPORT_FORMAT,
        "generated_at": timezone.now().isoformat(),
    }
    for name, section in privacy.export_sections().items():
        data[name] = section(user)
    return data


def account_delete(*, user: User, password: str) -> None:
    """Erase the user's personal data and close the account; the row stays so that his public
    contributions remain, shown as "Deleted user". Other apps erase theirs through deletion hooks.
    """
    if not throttle.current_password_ok(user, password):
        raise ValidationError({"password": [str(WRONG_PASSWORD)]})
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.deleted_at is not None:
            return
        for hook in privacy.deletion_hooks().values():
            hook(locked)
        _erase(locked)
    transaction.on_commit(lambda: _end_sessions(locked.pk))
    user.refresh_from_db()


def _erase(user: User) -> None:
    """Blank every personal field. Expects the user row to be locked."""
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.last_name = ""
    user.first_name = ""
    user.phone = None
    user.settlement = None
    user.personal_data_consent_at = None
    user.email_confirmed_at = None
    user.verified_at = None
    user.verification_method = ""
    user.last_login = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    # The names are blank on purpose: there is nobody to name any more.
    user.full_clean(exclude=["last_name", "first_name"])
    user.save()


def _end_sessions(user_id: int) -> None:
    """Delete the user's stored sessions. The changed password hash already invalidates them for
    every session engine; this removes the rows too where sessions live in the database."""
    from django.conf import settings
    from django.contrib.sessions.models import Session

    if not settings.SESSION_ENGINE.endswith("db"):  # db and cached_db keep rows to remove
        return
    key = str(user_id)
    stale = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == key
    ]
    Session.objects.filter(session_key__in=stale).delete()
