"""What public voting keeps of a resident: his votes with their receipts (exported). On deletion
his network and device hashes go; his votes stay counted as the contest's record — they carry
no name, and the exports show only the per-contest pseudonym (accounts anonymises the account)."""

from django.utils import timezone

from veche.accounts.privacy import json_value

from .models import VoterBallot, VoteReceipt


def export_section(user) -> dict:
    return {
        "budget_votes": [
            {
                "contest": r.contest.title,
                "project": r.application.title,
                "receipt": r.code,
                "channel": r.channel,
                "cast_at": json_value(r.created_at),
                "withdrawn_at": json_value(r.withdrawn_at),
            }
            for r in VoteReceipt.objects.filter(user=user)
            .select_related("contest", "application")
            .order_by("pk")
        ],
    }


def deletion_hook(user) -> None:
    VoterBallot.objects.filter(user=user).update(network_hash="", device_hash="")


def forget_vote_traces(*, older_than_days: int, now=None) -> int:
    """Blank the network and device hashes of ballots first cast more than `older_than_days`
    ago; returns how many ballots were blanked. Idempotent."""
    now = now or timezone.now()
    cutoff = now - timezone.timedelta(days=older_than_days)
    old = VoterBallot.objects.filter(first_voted_at__lt=cutoff).exclude(
        network_hash="", device_hash=""
    )
    return old.update(network_hash="", device_hash="")
