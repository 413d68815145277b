"""What budgeting keeps of a resident: his initiative groups and memberships, the invitations
sent to his address, the applications he started, his reviews — exported; on deletion his
memberships of groups he does not lead end, invitations to his address go, his drafts in his
own name go (never public), and he reviews nothing more. Submitted applications stay as the
contest's record (accounts anonymises his name)."""

from veche.accounts.privacy import json_value

from .models import Application, GroupInvitation


def export_section(user) -> dict:
    return {
        "initiative_groups": [
            {
                "id": m.group_id,
                "name": m.group.name,
                "leader": m.group.leader_id == user.pk,
                "joined_at": json_value(m.joined_at),
            }
            for m in user.group_memberships.select_related("group").order_by("pk")
        ],
        "budget_applications": [
            {
                "id": a.pk,
                "contest": a.contest.title,
                "title": a.title,
                "status": a.status,
                "answers": a.answers,
                "created_at": json_value(a.created_at),
            }
            for a in user.budget_applications.select_related("contest").order_by("pk")
        ],
        "group_invitations": [
            {"group": i.group_id, "created_at": json_value(i.created_at)}
            for i in GroupInvitation.objects.filter(email__iexact=user.email).order_by("pk")
        ]
        if user.email
        else [],
        "reviewer_of_contests": list(
            user.reviewed_contests.order_by("pk").values_list("contest_id", flat=True)
        ),
    }


def deletion_hook(user) -> None:
    user.group_memberships.exclude(group__leader=user).delete()
    if user.email:
        GroupInvitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
    user.budget_applications.filter(
        kind=Application.Kind.INDIVIDUAL, status=Application.Status.DRAFT
    ).delete()
    user.reviewed_contests.all().delete()
