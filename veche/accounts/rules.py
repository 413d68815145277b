"""Named permissions of the accounts app, built from the shared predicates."""

import rules

from .predicates import can_participate, is_active_user

# Report, vote, comment, propose: every participation checks this (an unconfirmed e-mail may not).
rules.add_perm("accounts.participate", can_participate)
# Own cabinet, data export, change of e-mail, deletion of the account.
rules.add_perm("accounts.manage_own_account", is_active_user)
