"""The demo year (demo_activity.py): every municipality has reports in many states over the last
year, each with a photo; timelines, answers and events agree with the states; seeding again
changes nothing."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from veche.events.models import Event
from veche.reports.models import Answer, Report, ReportMedia, Status, Support, TimelineEntry
from veche.reports.transitions import TRANSITIONS
from veche.territory.models import Municipality


def counts() -> tuple:
    models = (Report, TimelineEntry, Answer, Support, ReportMedia, Event)
    return tuple(model.objects.count() for model in models)


@pytest.mark.django_db
def test_the_demo_year_is_alive_consistent_and_seeded_once():
    call_command("seed_demo", stdout=None)
    demo = Report.objects.filter(client_token__startswith="year-")
    assert 250 <= demo.count() <= 400
    assert demo.values("municipality").distinct().count() == Municipality.objects.count()
    statuses = set(demo.values_list("status", flat=True))
    assert statuses >= {s for s in Status.values}  # every state, duplicates and rejections too
    now = timezone.now()
    assert demo.filter(created_at__lt=now - timedelta(days=300)).exists()
    assert demo.filter(created_at__gte=now - timedelta(days=30)).exists()
    assert not demo.filter(created_at__gt=now).exists()
    assert not demo.annotate(n=Count("media")).filter(n=0).exists()  # a photo each
    assert ReportMedia.objects.exclude(thumbnail="").count() == ReportMedia.objects.count()

    moves = {(s, t.target) for t in TRANSITIONS.values() for s in t.sources}
    for report in demo.prefetch_related("timeline", "answers"):
        steps = [e for e in report.timeline.all() if e.kind == TimelineEntry.Kind.STATUS]
        steps.sort(key=lambda e: (e.created_at, e.pk))
        assert steps[-1].status_to == report.status, report.client_token
        for entry in steps[1:]:
            assert (entry.status_from, entry.status_to) in moves, (report.client_token, entry)
        assert all(e.created_at <= now for e in steps)
        if report.status in (Status.ANSWERED, Status.CLOSED):
            assert report.answers.all() and report.answered_at >= report.routed_at
        if report.status == Status.CLOSED:
            assert report.answers.all()[0].rating and report.closed_at
        assert report.support_count == report.supports.count()
    status_entries = TimelineEntry.objects.filter(report__in=demo, kind="status").count()
    answers = Answer.objects.filter(report__in=demo).count()
    events = Event.objects.filter(
        subject_type="reports.report",
        subject_id__in=[str(pk) for pk in demo.values_list("pk", flat=True)],
    )
    assert events.count() == status_entries  # the answer's event stands for its status entry
    assert answers == events.filter(kind="reports.answered").count()

    before = counts()
    call_command("seed_demo", stdout=None)
    assert counts() == before
