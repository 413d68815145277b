"""Snapshots for refusals: what the voting tables and the audit log hold."""

from veche.accounts.models import User
from veche.staff.models import StaffAuditLog
from veche.voting.models import VotingPoint, VotingPointMember


def snapshot() -> dict:
    return {
        "points": list(VotingPoint.objects.order_by("pk").values()),
        "members": list(VotingPointMember.objects.order_by("pk").values()),
        "audit": StaffAuditLog.objects.count(),
        "users": User.objects.count(),
    }


def audit_actions() -> list[str]:
    return list(StaffAuditLog.objects.order_by("pk").values_list("action", flat=True))
