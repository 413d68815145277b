"""What the ideas app keeps of a resident: his ideas and the ideas he supports, his ratings of
campaigns' ideas and, as an expert, his verdicts — exported; on deletion his ideas that were never
public go, the published ones stay as the public record under «Удалённый пользователь» (accounts
blanks the name), his supports and ratings stay counted, his verdicts' comments are blanked and
his expert memberships end."""

from veche.accounts.privacy import json_value


def export_section(user) -> dict:
    return {
        "ideas": [
            {
                "id": idea.pk,
                "title": idea.title,
                "text": idea.text,
                "status": idea.status,
                "municipality": idea.municipality.name,
                "created_at": json_value(idea.created_at),
            }
            for idea in user.ideas.select_related("municipality").order_by("pk")
        ],
        "supported_ideas": list(
            user.idea_supports.order_by("pk").values_list("idea_id", flat=True)
        ),
        **_campaigns_section(user),
    }


def _campaigns_section(user) -> dict:
    """His ratings of campaigns' ideas, his verdicts as an expert and the campaigns he judges."""
    return {
        "idea_ratings": [
            {"idea": r.idea_id, "value": r.value, "at": json_value(r.updated_at)}
            for r in user.idea_ratings.order_by("pk")
        ],
        "expert_verdicts": [
            {
                "idea": v.idea_id,
                "selected": v.selected,
                "comment": v.comment,
                "at": json_value(v.updated_at),
            }
            for v in user.expert_verdicts.order_by("pk")
        ],
        "expert_of_campaigns": list(
            user.campaign_memberships.order_by("pk").values_list("campaign_id", flat=True)
        ),
    }


def deletion_hook(user) -> None:
    from .models import UNPUBLISHED

    # Never public: nobody else relies on them (a merge needs a published idea to point at).
    user.ideas.filter(status__in=UNPUBLISHED, merged__isnull=True).delete()
    # Campaigns: his ratings stay counted (the account is anonymised, not deleted); as an expert
    # his choices stay, his words go, and he judges nothing more.
    user.expert_verdicts.update(comment="")
    user.campaign_memberships.all().delete()
