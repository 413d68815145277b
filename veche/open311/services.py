"""Accounts behind Open311 submissions: an integration account per API key, and residents found
or created from the contact details a client sends (docs/open311.md)."""

from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from veche.accounts.models import User
from veche.api.models import ApiToken
from veche.api.services import api_token_create
from veche.staff.models import Role, RoleAssignment

INTEGRATION_DOMAIN = "integrations.veche.invalid"


@transaction.atomic
def integration_key_create(
    *, name: str, actor=None, trusted: bool = False
) -> tuple[ApiToken, str]:
    """An API key for a city app: its own account, allowed to file on residents' behalf. A trusted
    key (the region's own contact centre or app) files reports that skip pre-moderation."""
    slug = slugify(name, allow_unicode=False) or "client"
    account, created = User.objects.get_or_create(
        email=f"{slug}@{INTEGRATION_DOMAIN}",
        defaults={
            "last_name": "Open311",
            "first_name": name[:100],
            "email_confirmed_at": timezone.now(),
        },
    )
    if created:
        account.set_unusable_password()
        account.save(update_fields=["password"])
    RoleAssignment.objects.get_or_create(
        user=account, role=Role.OPERATOR, municipality=None, agency=None
    )
    # audited there
    return api_token_create(user=account, name=name, created_by=actor, trusted=trusted)


@transaction.atomic
def resident_for_contact(*, email: str, first_name: str = "", last_name: str = "") -> User:
    """The resident with this e-mail, or a new account for it (no password: he may claim it
    through password reset). The e-mail stays unconfirmed until he does."""
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    user = User(
        email=email,
        first_name=(first_name or "Житель")[:100],
        last_name=last_name[:100],
    )
    validate_email(email)  # the other fields are ours; the address is the client's
    user.set_unusable_password()
    user.save()
    return user
