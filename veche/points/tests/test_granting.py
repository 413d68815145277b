"""Points granted from the event log, once per event, within the daily cap, after approval
where the rule asks for it, and reversed when the content goes or the support is withdrawn."""

from datetime import timedelta

import pytest
from django.utils import timezone

from veche.events.models import Event
from veche.ledger.models import Transaction
from veche.points.models import Grant, Pending, Rule

from .factories import UserFactory, balance, give_points, happen, process

pytestmark = pytest.mark.django_db


def test_the_default_rules_are_loaded():
    assert set(Rule.objects.values_list("action", flat=True)) >= {
        "report",
        "report-support",
        "idea",
        "idea-support",
        "comment",
        "ballot",
    }


def test_a_support_grants_its_points():
    anna = UserFactory()
    happen("ideas.supported", ("ideas.idea", "5"), anna, supports=3)
    process()
    assert balance(anna) == 1


def test_the_same_event_handled_twice_grants_once():
    anna = UserFactory()
    event = happen("ideas.supported", ("ideas.idea", "5"), anna)
    process()
    # A second consumer run over the same event, e.g. after the watermark was reset.
    from veche.events.models import Cursor

    Cursor.objects.filter(consumer="points").update(last_event_id=event.id - 1)
    process()
    assert balance(anna) == 1
    assert Grant.objects.count() == 1
    assert Transaction.objects.filter(kind="points.grant").count() == 1


def test_withdrawing_a_support_revokes_its_points_with_a_reversing_entry():
    anna = UserFactory()
    happen("reports.supported", ("reports.report", "9"), anna)
    process()
    happen("reports.support_withdrawn", ("reports.report", "9"), anna)
    process()
    assert balance(anna) == 0
    held = Grant.objects.get()
    assert held.revocation.reverses == held.transaction
    assert Transaction.objects.count() == 2  # nothing deleted


def test_withdrawing_does_not_touch_another_supporters_points():
    anna, boris = UserFactory(), UserFactory()
    happen("reports.supported", ("reports.report", "9"), anna)
    happen("reports.supported", ("reports.report", "9"), boris)
    happen("reports.support_withdrawn", ("reports.report", "9"), boris)
    process()
    assert (balance(anna), balance(boris)) == (1, 0)


def test_supporting_again_after_withdrawing_earns_once_at_a_time():
    anna = UserFactory()
    for kind in ["ideas.supported", "ideas.support_withdrawn", "ideas.supported"]:
        happen(kind, ("ideas.idea", "5"), anna)
    happen("ideas.supported", ("ideas.idea", "5"), anna)  # a duplicate event: no second grant
    process()
    assert balance(anna) == 1
    assert Grant.objects.filter(revoked_at__isnull=True).count() == 1


def test_a_comment_earns_only_once_approved():
    anna, moderator = UserFactory(), UserFactory()
    happen("comments.posted", ("comments.comment", "3"), anna, status="pending", target="x")
    process()
    assert balance(anna) == 0
    assert Pending.objects.count() == 1
    happen("comments.approved", ("comments.comment", "3"), moderator, status="published")
    process()
    assert (balance(anna), balance(moderator)) == (2, 0)
    assert not Pending.objects.exists()


def test_a_comment_published_at_once_earns_at_once():
    anna = UserFactory()
    happen("comments.posted", ("comments.comment", "4"), anna, status="published")
    process()
    assert balance(anna) == 2


def test_removing_a_comment_revokes_its_points_with_a_reversing_entry():
    anna, moderator = UserFactory(), UserFactory()
    happen("comments.posted", ("comments.comment", "3"), anna, status="published")
    process()
    happen("comments.removed", ("comments.comment", "3"), moderator, reason="spam")
    process()
    assert balance(anna) == 0
    held = Grant.objects.get()
    assert held.revoked_at is not None
    assert held.revocation.entries.get(account__owner_id=str(anna.pk)).amount == -2


def test_a_comment_removed_before_approval_never_earns():
    anna, moderator = UserFactory(), UserFactory()
    happen("comments.posted", ("comments.comment", "3"), anna, status="pending")
    happen("comments.removed", ("comments.comment", "3"), moderator)
    happen("comments.approved", ("comments.comment", "3"), moderator)
    process()
    assert balance(anna) == 0


def test_the_daily_cap_holds():
    anna = UserFactory()
    rule = Rule.objects.get(action="idea-support")
    for n in range(rule.daily_cap + 3):
        happen("ideas.supported", ("ideas.idea", str(n)), anna)
    process()
    assert balance(anna) == rule.daily_cap * rule.points


def test_the_cap_counts_each_day_apart():
    anna = UserFactory()
    Rule.objects.filter(action="ballot").update(daily_cap=1)
    happen("polls.ballot_cast", ("polls.poll", "1"), anna)
    yesterday = happen("polls.ballot_cast", ("polls.poll", "2"), anna)
    Event.objects.filter(pk=yesterday.pk).update(occurred_at=timezone.now() - timedelta(days=1))
    happen("polls.ballot_cast", ("polls.poll", "3"), anna)
    process()
    assert balance(anna) == 6


def test_spent_points_revoked_take_what_is_left():
    anna = UserFactory()
    happen("comments.posted", ("comments.comment", "3"), anna, status="published")
    process()
    from veche.ledger.services import post
    from veche.points.services._common import person_account, spending_account

    post(key="t", kind="t", legs=[(person_account(anna), -1), (spending_account(), 1)])
    happen("comments.removed", ("comments.comment", "3"), UserFactory())
    process()
    assert balance(anna) == 0
    assert Grant.objects.get().revoked_at is not None


def test_an_inactive_rule_and_unknown_kinds_grant_nothing():
    anna = UserFactory()
    Rule.objects.filter(action="ballot").update(active=False)
    happen("polls.ballot_cast", ("polls.poll", "1"), anna)
    happen("polls.created", ("polls.poll", "1"), anna)
    assert process() == 2
    assert balance(anna) == 0


def test_an_event_of_a_system_actor_or_an_unknown_person_is_skipped():
    happen("ideas.supported", ("ideas.idea", "1"), None)
    give_points(UserFactory(), 5)
    assert process() == 1
    assert Grant.objects.count() == 0


def test_the_command_processes_new_events(capsys):
    from django.core.management import call_command

    anna = UserFactory()
    happen("ideas.supported", ("ideas.idea", "1"), anna)
    call_command("points_process")
    assert "1 event(s) read." in capsys.readouterr().out
    assert balance(anna) == 1
