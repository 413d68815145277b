"""The reports' part of the chatbot (veche/chatbot): a report's status by its number — only
what the report's public page shows, the author sees more when signed in — and filing step by
step through the same `report_submit` as the web form (channel «chatbot»)."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from veche.chatbot.registry import Filed, StatusAnswer

from .filter_choices import filter_choices
from .models import Report, Topic
from .models.report import Channel
from .services.filing import report_submit, report_text


def report_status(number: int, user) -> StatusAnswer | None:
    """None for a report that does not exist or is not public (unless the asker is its author):
    the bot answers both alike, so a number tells nothing about unpublished reports."""
    report = Report.objects.select_related("topic", "municipality").filter(pk=number).first()
    if report is None:
        return None
    is_author = getattr(user, "is_authenticated", False) and report.author_id == user.pk
    if not report.is_public and not is_author:
        return None
    facts = []
    if report.municipality_id:
        facts.append(report.municipality.name + ".")
    if is_author:
        filed = formats.date_format(timezone.localtime(report.created_at), "j E Y")
        facts.append(_("You filed it on %(date)s.") % {"date": filed})
        if report.due_at and not report.answered_at:
            due = formats.date_format(timezone.localtime(report.due_at), "j E Y")
            facts.append(_("The answer is due by %(date)s.") % {"date": due})
    return StatusAnswer(
        number=report.pk,
        title=f"№ {report.pk} · {report.topic.name}",
        status=str(report.get_status_display()),
        url=reverse("reports:detail", args=[report.pk]),
        facts=tuple(facts),
    )


class ChatFiling:
    def topics(self) -> list[tuple[int, str]]:
        """The web form's open topics (the filters' cached lists), as «Category: topic»."""
        return [
            (pk, f"{category}: {name}")
            for category, topics in filter_choices()["topic"]
            for pk, name in topics
        ]

    def check_text(self, text: str) -> str:
        """The filing service's own rule for the text; its refusal is what the bot says."""
        return report_text(text)

    def file(self, *, user, topic_id, lat, lon, address, text, photo, client_token=None) -> Filed:
        topic = Topic.objects.filter(pk=topic_id, is_open=True).first()
        if topic is None:
            raise ValidationError(_("This topic no longer takes reports."))
        report = report_submit(
            author=user,
            topic=topic,
            text=text,
            lat=lat,
            lon=lon,
            address=address,
            media=[photo] if photo else (),
            channel=Channel.CHATBOT,
            client_token=f"chatbot:{client_token}" if client_token else None,
        )
        return Filed(number=report.pk, url=reverse("reports:detail", args=[report.pk]))
