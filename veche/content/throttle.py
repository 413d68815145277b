"""What counts against the content rate limits (core/ratelimit.py): each editor's write per
person (RATE_LIMIT_CONTENT_EDIT) and each resident's or guest's «helpful?» answer and «Пойду»
(RATE_LIMIT_CONTENT_REACT, by account or session). A refused attempt gives its slot back."""

from veche.core.ratelimit import attempt_slot, person_slot


def edit_slot(user):
    return person_slot("content-edit", "RATE_LIMIT_CONTENT_EDIT", user)


def react_slot(who: str):
    return attempt_slot("content-react", "RATE_LIMIT_CONTENT_REACT", who)
