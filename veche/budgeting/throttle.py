"""What counts against budgeting's rate limits (core/ratelimit.py): every write per person
(RATE_LIMIT_BUDGETING_EDIT: the builder, groups, applications, reviews) and, tighter, the
invitations a group's leader sends (RATE_LIMIT_BUDGETING_INVITE: each may be a letter to an
address). A refused or failed attempt gives its slot back."""

from veche.core.ratelimit import person_slot


def edit_slot(user):
    return person_slot("budgeting-edit", "RATE_LIMIT_BUDGETING_EDIT", user)


def invite_slot(user):
    return person_slot("budgeting-invite", "RATE_LIMIT_BUDGETING_INVITE", user)


def vote_slot(user):
    """A resident's votes and withdrawals (RATE_LIMIT_BUDGETING_VOTE)."""
    return person_slot("budgeting-vote", "RATE_LIMIT_BUDGETING_VOTE", user)


def sign_slot(user):
    """Signatures uploaded to evaluation sheets (RATE_LIMIT_BUDGETING_SIGN): each is verified."""
    return person_slot("budgeting-sign", "RATE_LIMIT_BUDGETING_SIGN", user)
