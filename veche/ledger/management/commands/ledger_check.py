"""Recompute every balance from its entries and report any drift (exit status 1 when found).

    manage.py ledger_check

Run it after a restore, or from cron: the stored balances are a cache of the entries, and a
hand-edited row, a bad migration or a bug would show here.
"""

from django.core.management.base import BaseCommand, CommandError

from veche.ledger.selectors import balance_drift, unbalanced_transactions


class Command(BaseCommand):
    help = "Recompute ledger balances from the entries and report any drift."

    def handle(self, *args, **options):
        drifts = balance_drift()
        for drift in drifts:
            self.stdout.write(
                f"account {drift.account.pk} ({drift.account}): stored {drift.stored}, "
                f"entries sum to {drift.computed}, drift {drift.stored - drift.computed:+d}"
            )
        unbalanced = list(unbalanced_transactions())
        for posted in unbalanced:
            self.stdout.write(
                f"transaction {posted.pk} ({posted.key}): entries sum to {posted.total or 0} "
                f"over {posted.legs} entries"
            )
        if drifts or unbalanced:
            raise CommandError(
                f"Ledger drift: {len(drifts)} account(s), {len(unbalanced)} transaction(s)."
            )
        self.stdout.write(self.style.SUCCESS("Ledger balances agree with the entries."))
