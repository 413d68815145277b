"""Every state change of polls (docs/polls.md): the organizer's (polls.py, questions.py), the
voter's (ballots.py) and the moderators' (answers.py)."""

from .answers import REJECTION_REASONS, answer_approve, answer_reject
from .ballots import Demographics, Response, ballot_cast, check_answers, field_name, vote_refusal
from .polls import (
    PollIn,
    poll_create,
    poll_publish,
    poll_results_publish,
    poll_unpublish,
    poll_update,
)
from .questions import (
    QuestionIn,
    option_update,
    question_add,
    question_delete,
    question_move,
    question_update,
)

__all__ = [
    "REJECTION_REASONS",
    "Demographics",
    "PollIn",
    "QuestionIn",
    "Response",
    "answer_approve",
    "answer_reject",
    "ballot_cast",
    "check_answers",
    "field_name",
    "option_update",
    "poll_create",
    "poll_publish",
    "poll_results_publish",
    "poll_unpublish",
    "poll_update",
    "question_add",
    "question_delete",
    "question_move",
    "question_update",
    "vote_refusal",
]
