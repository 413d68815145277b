"""Accounts behind Open311 submissions: an integration account per API key, and residents found
or created from the contact details a client sends (docs/open311.md). The accounts themselves are
made by `accounts.services`, the operator role granted (and audited) by `staff.services`."""

from django.db import transaction

from veche.accounts.models import User
from veche.accounts.services import account_create_for_integration, account_create_passwordless
from veche.api.models import ApiToken
from veche.api.services import api_token_create
from veche.staff.models import Role
from veche.staff.services import SERVER, role_assign


@transaction.atomic
def integration_key_create(*, name: str, actor=None, trusted: bool = False) -> tuple[ApiToken, str]:
    """An API key for a city app: its own account, allowed to file on residents' behalf (the
    region-wide operator role, granted once and written to the staff audit log). A trusted key
    (the region's own contact centre or app) files reports that skip pre-moderation.

    `actor` is the staff member issuing the key; None is the server operator (the command)."""
    account = account_create_for_integration(name=name)
    region_wide = {"role": Role.OPERATOR, "municipality": None, "agency": None}
    if not account.role_assignments.filter(**region_wide).exists():
        role_assign(actor=actor or SERVER, user=account, **region_wide)
    # audited there
    return api_token_create(user=account, name=name, created_by=actor, trusted=trusted)


def resident_for_contact(*, email: str, first_name: str = "", last_name: str = "") -> User:
    """The resident with this e-mail, or a new account for it that he claims later through a
    password reset (which confirms the address). Raises ValidationError for a bad address."""
    return account_create_passwordless(email=email, first_name=first_name, last_name=last_name)
