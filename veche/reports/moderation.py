"""Reports keep their own moderation queue in the workspace; the staff moderation page shows its
count and links to it (veche/moderation/registry.py)."""

from django.utils.translation import gettext_lazy as _

from veche.moderation.registry import ExternalQueue, register_external_queue

from .workspace_selectors import moderation_queue


def queue_count(user) -> int | None:
    """Reports awaiting this moderator, or None when the workspace's queue is not his."""
    if not user.has_perm("reports.view_moderation_queue"):
        return None
    return moderation_queue(user).count()


def register() -> None:
    register_external_queue(
        ExternalQueue(
            name="reports",
            label=_("Problem reports"),
            count=queue_count,
            url="reports_workspace:queue",
            order=10,
        )
    )
