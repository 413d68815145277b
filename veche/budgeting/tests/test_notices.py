"""Notices: the applicants hear of each step, the reviewers of a new submission; a reminder
the working day before a revision is due, once."""

from datetime import timedelta

from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.budgeting.models import Application, ContestReviewer
from veche.budgeting.notices import deliver, remind_revisions
from veche.budgeting.tests.factories import ContestFactory, add_group, add_template
from veche.notifications.models import Notification


def _application(world, status="submitted", **fields):
    contest = ContestFactory(municipality=world.surgut)
    group = add_group(world.resident, world.surgut, UserFactory())
    return Application.objects.create(
        contest=contest,
        version=add_template(contest),
        kind="group",
        group=group,
        municipality=world.surgut,
        author=world.resident,
        title="Двор",
        status=status,
        submitted_at=timezone.now(),
        **fields,
    )


def test_a_submission_tells_the_group_and_the_reviewers(world):
    application = _application(world)
    reviewer = UserFactory()
    ContestReviewer.objects.create(contest=application.contest, user=reviewer)
    assert deliver(kind="submitted", application_id=application.pk) == 3
    assert Notification.objects.filter(user=reviewer, kind="budgeting.to_review").count() == 1
    assert deliver(kind="submitted", application_id=application.pk) == 0  # once


def test_the_reminder_goes_the_working_day_before(world):
    from veche.workdays.calendar import add_working_days

    now = timezone.now()
    application = _application(world, "revision", revision_due=add_working_days(now, 1))
    later = _application(world, "revision", revision_due=add_working_days(now, 3))
    assert remind_revisions(now) == 2  # the group's two members
    assert remind_revisions(now) == 0
    assert not Notification.objects.filter(subject_id=str(later.pk)).exists()
    assert Notification.objects.filter(subject_id=str(application.pk)).count() == 2
    assert later.revision_due > now + timedelta(days=1)
