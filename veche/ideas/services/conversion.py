"""A moderator turns a report that is really a proposal into an idea: the idea is published at
once under the report's author, with its words, place and photos; the report's supporters support
the idea; the report closes with the status «turned into an idea» that links to it (reports'
own service, so its author is told and Open311 shows it closed)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy, gettext_noop

from veche.reports import services as report_services
from veche.reports.models import Report, ReportMedia
from veche.reports.search import stems
from veche.supports.kinds import supportable
from veche.supports.services import move_supports

from ..models import Idea, IdeaPhoto, IdeaTimelineEntry, Status
from ._common import audit_log, idea_event, idea_notice, record, require
from .filing import MAX_TITLE, clean_words
from .supports import IDEA_SUPPORTS

NOT_REPORT_MODERATOR = gettext_lazy("You do not moderate reports of this territory.")


def report_to_idea(*, user, report: Report, title: str = "") -> Idea:
    """Turn the report into a published idea; `title` defaults to the report's topic."""
    report = Report.objects.select_related("topic__category", "author").get(pk=report.pk)
    require(user, "reports.moderate_report", report, NOT_REPORT_MODERATOR)
    title, text, errors = clean_words(title=title or report.topic.name, text=report.text)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Locked first: no support of the report slips between the copy and the closing.
        Report.objects.select_for_update().filter(pk=report.pk).first()
        idea = Idea(
            author=report.author,
            title=Truncator(title).chars(MAX_TITLE),
            text=text,
            category=report.topic.category,
            municipality_id=report.municipality_id,
            lat=report.lat,
            lon=report.lon,
            status=Status.PUBLISHED,
            published_at=timezone.now(),
            from_report=report,
        )
        idea.search_stems = stems(idea.title, idea.text)
        idea.full_clean(exclude=["client_token", "from_report"])
        idea.save()
        _copy_photos(report, idea)
        # The report's supporters support the idea (its author, the report's, never).
        carried = move_supports(
            IDEA_SUPPORTS,
            source=report,
            target=idea,
            skip=[idea.author_id],
            source_spec=supportable(Report),
        )
        # The report's own service checks its state, closes it and tells its author.
        report_services.report_move_to_idea(
            moderator=user,
            report=report,
            url=reverse("ideas:detail", args=[idea.pk]),
            number=idea.pk,
            title=idea.title,
        )
        entry = record(
            idea,
            kind=IdeaTimelineEntry.Kind.STATUS,
            actor=user,
            status_to=Status.PUBLISHED,
            message=gettext_noop("A moderator turned report № %(number)s into this idea."),
            params={"number": report.pk},
        )
        idea_event(
            "from_report", idea, actor=user, payload={"report": report.pk, "supports": carried}
        )
        audit_log(
            actor=user, action="ideas.from_report", target=idea, details={"report": report.pk}
        )
        idea_notice("from_report", idea, entry=entry)
        return idea


def _copy_photos(report: Report, idea: Idea) -> None:
    """The report's photos, the same cleaned files (nothing is written again)."""
    photos = report.media.filter(kind=ReportMedia.Kind.PHOTO).order_by("order", "pk")
    IdeaPhoto.objects.bulk_create(
        IdeaPhoto(
            idea=idea,
            file=photo.file.name,
            thumbnail=photo.thumbnail.name,
            content_type=photo.content_type,
            size=photo.size,
            order=photo.order,
        )
        for photo in photos
    )
