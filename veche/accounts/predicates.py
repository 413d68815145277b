"""`rules` predicates about a user's own state: active, e-mail confirmed, identity verified.

They read only the account (veche.accounts.models.User); predicates about roles and their scopes
live with the roles in veche/staff/predicates.py. Every app composes its named permissions
(`<app>.<verb>_<model>`) from these (STYLE.md, examples 5 and 10; docs/permissions.md).
"""

import rules


@rules.predicate
def is_active_user(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and not user.deleted_at)


@rules.predicate
def is_email_confirmed(user) -> bool:
    return is_active_user(user) and user.email_confirmed_at is not None


@rules.predicate
def is_verified(user) -> bool:
    return is_email_confirmed(user) and user.verified_at is not None


# A resident may take part (report, vote, comment) once his e-mail is confirmed.
can_participate = is_email_confirmed

is_superuser = is_active_user & rules.is_superuser
