"""Reads about accounts: the reserved addresses, who logs in with what, and which accounts a phone
may claim. Services, forms, the login limiter and higher apps (verification's claim by phone) read
them; nothing here writes."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from .models import User
from .phones import normalize_phone
from .validators import normalize_email

# Accounts of client applications live on a reserved domain that never receives mail.
INTEGRATION_DOMAIN = "integrations.veche.invalid"
# Callers the contact centre files for who gave only a phone number.
CALLER_DOMAIN = "callers.veche.invalid"


def has_reachable_email(user: User) -> bool:
    """False for addresses on the reserved domains that never receive mail."""
    domain = user.email.rpartition("@")[2]
    return domain not in (CALLER_DOMAIN, INTEGRATION_DOMAIN) and not user.deleted_at


def login_email(username: str) -> str:
    """The address to log in with: an e-mail as typed (normalised), or — for what reads as a
    phone number — the address of the account with that phone. An unknown phone stays as typed
    (normalised), so the login fails exactly as for an unknown address."""
    value = normalize_email(username)
    if "@" in value:
        return value
    try:
        phone = normalize_phone(value)
    except ValidationError:
        return value
    email = User.objects.filter(phone=phone).values_list("email", flat=True).first()
    return email or phone


def claimable_by_phone(phone: str) -> QuerySet[User]:
    """The account a phone may claim with an SMS code: one made by the contact centre for a
    caller who gave only this number (its address is on CALLER_DOMAIN, so no mail can reach him
    and the phone is his only way in). An account with a real address claims it through the
    password reset instead, so a recycled number cannot take it over."""
    return User.objects.filter(
        phone=phone,
        email__endswith=f"@{CALLER_DOMAIN}",
        is_active=True,
        deleted_at__isnull=True,
        is_staff=False,
    )
