"""What the registry keeps of a resident: his ratings of objects' works, his proposals, the
proposals he supports and the objects he voted for — exported. On deletion (the account is
anonymised, not deleted) the scores of his ratings stay counted and their comments go as the
shared comments' hook decides (never published: deleted; removed: blanked; public: kept), his
proposals never published are deleted, the public ones stay as the public record under
«Удалённый пользователь», and his supports and votes stay counted."""

from veche.accounts.privacy import json_value


def export_section(user) -> dict:
    return {
        "object_ratings": [
            {
                "object": rating.facility_id,
                "score": rating.score,
                "comment": rating.comment.text if rating.comment else "",
                "at": json_value(rating.updated_at),
            }
            for rating in user.infrastructure_ratings.select_related("comment").order_by("pk")
        ],
        "object_proposals": [
            {
                "id": proposal.pk,
                "title": proposal.title,
                "category": proposal.category_name,
                "reason": proposal.reason,
                "lat": proposal.lat,
                "lon": proposal.lon,
                "address": proposal.address,
                "status": proposal.status,
                "created_at": json_value(proposal.created_at),
            }
            for proposal in user.infrastructure_proposals.select_related("category").order_by("pk")
        ],
        "object_votes": list(
            user.infrastructure_votes.order_by("pk").values_list("facility_id", flat=True)
        ),
        "supported_object_proposals": list(
            user.infrastructure_supports.order_by("pk").values_list("proposal_id", flat=True)
        ),
    }


def deletion_hook(user) -> None:
    from .models.residents import ProposalStatus

    user.infrastructure_proposals.filter(status=ProposalStatus.PENDING).delete()
