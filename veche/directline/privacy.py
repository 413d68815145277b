"""What the direct line keeps of a resident: his questions (text, channel, video, answer) and the
questions he supports — exported. On deletion his questions never published go with their
videos; published ones stay as the public record with their answers (accounts blanks his name),
but lose their video, a face and a voice; his supports stay counted."""

from django.db import transaction

from veche.accounts.privacy import json_value

from .models import QuestionStatus


def export_section(user) -> dict:
    return {
        "direct_line_questions": [
            {
                "id": question.pk,
                "line": question.campaign.title,
                "channel": question.channel,
                "text": question.text,
                "video": question.video.name,
                "status": question.status,
                "answer": question.answer_text,
                "created_at": json_value(question.created_at),
            }
            for question in user.directline_questions.select_related("campaign").order_by("pk")
        ],
        "supported_direct_line_questions": list(
            user.directline_supports.order_by("pk").values_list("question_id", flat=True)
        ),
    }


def deletion_hook(user) -> None:
    questions = user.directline_questions.all()
    files = [q.video for q in questions if q.video]
    questions.exclude(status=QuestionStatus.PUBLISHED).delete()
    questions.filter(status=QuestionStatus.PUBLISHED).exclude(video="").update(video="")
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files], robust=True)
