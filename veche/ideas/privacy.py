"""What the ideas app keeps of a resident: his ideas and the ideas he supports — exported; on
deletion his ideas that were never public go, the published ones stay as the public record under
«Удалённый пользователь» (accounts blanks the name), and his supports stay counted."""

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
    }


def deletion_hook(user) -> None:
    from .models import UNPUBLISHED

    # Never public: nobody else relies on them (a merge needs a published idea to point at).
    user.ideas.filter(status__in=UNPUBLISHED, merged__isnull=True).delete()
