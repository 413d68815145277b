"""What the information side keeps of a resident: his «helpful?» answers, his «Пойду» marks and
his content-editor memberships — exported; on deletion the marks and memberships go, his answers
stay counted without him (the counts editors see do not change)."""

from veche.accounts.privacy import json_value

from .models import ContentEditor, EventAttendance, KbFeedback


def export(user) -> dict:
    return {
        "knowledge_base_answers": [
            {"question": f.entry_id, "helpful": f.helpful, "at": json_value(f.created_at)}
            for f in KbFeedback.objects.filter(user=user).order_by("pk")
        ],
        "events_attending": [
            {"event": a.event_id, "at": json_value(a.created_at)}
            for a in EventAttendance.objects.filter(user=user).order_by("pk")
        ],
        "content_editor_of": [
            m.municipality.name if m.municipality else "region"
            for m in ContentEditor.objects.filter(user=user).select_related("municipality")
        ],
    }


def erase(user) -> None:
    EventAttendance.objects.filter(user=user).delete()
    ContentEditor.objects.filter(user=user).delete()
    # Keep the answer counted but unlinkable: a session key of its own that nobody holds.
    for feedback in KbFeedback.objects.filter(user=user):
        feedback.user = None
        feedback.session_key = f"erased-{feedback.pk}"
        feedback.save(update_fields=["user", "session_key"])
