"""What counts against the registry's rate limits (core/ratelimit.py): each staff write per
person (RATE_LIMIT_REALIZED_EDIT) and, tighter, imports (RATE_LIMIT_REALIZED_IMPORT). A refused
or failed attempt gives its slot back."""

from veche.core.ratelimit import person_slot


def edit_slot(user):
    return person_slot("realized-edit", "RATE_LIMIT_REALIZED_EDIT", user)


def import_slot(user):
    return person_slot("realized-import", "RATE_LIMIT_REALIZED_IMPORT", user)
