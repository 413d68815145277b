"""What polls keep of a resident: his ballots (the poll, when, how, his answers) — exported. On
deletion his ballots stay counted but lose their link to him (voter → NULL), so results and
breakdowns do not change; words of his that were not approved are replaced by a mark and never
shown; approved words stay as the public record, like a published comment."""

from veche.accounts.privacy import json_value

from .models import Answer, Ballot, TextStatus

# What a withdrawn free-text answer becomes (the row stays: it is counted as an answer).
ERASED = "…"


def export_section(user) -> dict:
    ballots = (
        Ballot.objects.filter(voter=user)
        .select_related("poll")
        .prefetch_related("answers__question", "answers__option")
        .order_by("pk")
    )
    return {
        "ballots": [
            {
                "poll": ballot.poll_id,
                "poll_title": ballot.poll.title,
                "cast_at": json_value(ballot.cast_at),
                "channel": ballot.channel,
                "age_group": ballot.age_group,
                "sex": ballot.sex,
                "settlement_kind": ballot.settlement_kind,
                "answers": [
                    {
                        "question": answer.question.text,
                        "option": answer.option.text if answer.option else None,
                        "rank": answer.rank,
                        "text": answer.text,
                    }
                    for answer in ballot.answers.all()
                ],
            }
            for ballot in ballots
        ]
    }


def deletion_hook(user) -> None:
    mine = Ballot.objects.filter(voter=user)
    Answer.objects.filter(ballot__in=mine).exclude(text="").exclude(
        text_status=TextStatus.APPROVED
    ).update(text=ERASED, text_status=TextStatus.REJECTED)
    mine.update(voter=None)
