"""Accounts made for residents by the first Open311 release had an unusable password, and Django's
password reset skips those, so their owners could not claim them. Give each such account a random
password nobody knows (what `account_create_passwordless` does today): the reset link, sent to the
address, then lets the owner set his own and confirms the address.

Which rows: never logged in, e-mail unconfirmed, active, not deleted, not staff, and not on the
reserved domains (client applications' own accounts keep their unusable password)."""

import secrets

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password
from django.db import migrations

RESERVED_DOMAINS = ("@integrations.veche.invalid", "@callers.veche.invalid", "@deleted.invalid")


def unclaimable(User):
    rows = User.objects.filter(
        password__startswith=UNUSABLE_PASSWORD_PREFIX,
        last_login__isnull=True,
        email_confirmed_at__isnull=True,
        deleted_at__isnull=True,
        is_active=True,
        is_staff=False,
        is_superuser=False,
    )
    for domain in RESERVED_DOMAINS:
        rows = rows.exclude(email__iendswith=domain)
    return rows


def make_claimable(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in unclaimable(User).only("pk"):
        password = make_password(secrets.token_urlsafe(32))
        User.objects.filter(pk=user.pk).update(password=password)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_phone_validator_email_ci_unique")]

    # Backwards: nothing to undo, a password nobody knows locks the account as well as before.
    operations = [migrations.RunPython(make_claimable, migrations.RunPython.noop, elidable=True)]
