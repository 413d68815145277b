"""Every state change of the information side (docs/content.md)."""

from .editing import (
    editor_appoint,
    editor_remove,
    item_publish,
    item_save,
    item_withdraw,
)
from .members import member_remove, member_save
from .reactions import event_attend, event_unattend, kb_feedback, send_reminders

__all__ = [
    "editor_appoint",
    "editor_remove",
    "event_attend",
    "event_unattend",
    "item_publish",
    "item_save",
    "item_withdraw",
    "kb_feedback",
    "member_remove",
    "member_save",
    "send_reminders",
]
