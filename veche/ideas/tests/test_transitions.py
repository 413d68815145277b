"""The one table of idea transitions: each service goes only from the table's states to its
target, docs/ideas.md shows the same table, and every transition records one event and one
public timeline entry."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from veche.events.models import Event
from veche.ideas import services
from veche.ideas.models import Idea, IdeaTimelineEntry, Status
from veche.ideas.services._common import require_status
from veche.ideas.tests.factories import idea_in
from veche.ideas.transitions import TRANSITIONS, markdown_table

DOC = Path(__file__).resolve().parents[3] / "docs" / "ideas.md"


def test_the_docs_show_the_codes_table():
    text = DOC.read_text(encoding="utf-8")
    shown = re.search(r"<!-- transitions:start -->\n(.*?)\n<!-- transitions:end -->", text, re.S)
    assert shown is not None, "docs/ideas.md lost its table of transitions"
    assert shown.group(1) == markdown_table(), f"paste into docs/ideas.md:\n{markdown_table()}"


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("action", list(TRANSITIONS))
def test_require_status_follows_the_table(action, status):
    idea = Idea(status=status)
    if status in TRANSITIONS[action].sources:
        require_status(idea, action)
        return
    with pytest.raises(ValidationError) as error:
        require_status(idea, action)
    assert error.value.code == "wrong_status"


def _calls(world, later):
    moderator, decider = {"user": world.moderator}, {"user": world.mayor_office}
    official = {"user": world.official}
    return {
        "publish": (services.idea_publish, moderator),
        "reject": (services.idea_reject, {**moderator, "reason": world.reason}),
        "edit": (services.idea_edit_by_moderator, {**moderator, "title": "Парк", "text": "Сад"}),
        "consider": (services.idea_consider, decider),
        "take": (
            services.idea_take,
            {**decider, "agency": world.surgut_admin, "planned_date": later, "answer": "Да."},
        ),
        "decline": (services.idea_decline, {**decider, "reason": "Нет средств."}),
        "progress": (services.idea_add_progress, {**official, "text": "Начали."}),
        "implement": (services.idea_implement, {**official, "note": "Готово."}),
    }


@pytest.mark.parametrize("status", Status.values)
def test_each_service_acts_only_from_the_tables_states(world, status):
    """Every action tried from every state: it changes the idea exactly when the table allows,
    and otherwise changes nothing at all."""
    later = timezone.localdate() + timedelta(days=60)
    for action, (service, arguments) in _calls(world, later).items():
        idea = idea_in(status, municipality=world.surgut, agency=world.surgut_admin)
        before = (Event.objects.count(), IdeaTimelineEntry.objects.count())
        if status in TRANSITIONS[action].sources:
            service(idea=idea, **arguments)
            idea.refresh_from_db()
            assert idea.status == (TRANSITIONS[action].target or status), action
            assert Event.objects.count() == before[0] + 1, action
            assert IdeaTimelineEntry.objects.count() == before[1] + 1, action
        else:
            # The official is refused before the state is even looked at (not his agency's).
            with pytest.raises((ValidationError, PermissionDenied)):
                service(idea=idea, **arguments)
            assert (Event.objects.count(), IdeaTimelineEntry.objects.count()) == before, action
            idea.refresh_from_db()
            assert idea.status == status, action


def test_a_whole_life_on_the_public_timeline(world):
    later = timezone.localdate() + timedelta(days=60)
    idea = services.idea_submit(
        author=world.author,
        title="Сквер у школы",
        text="Предлагаю разбить сквер у школы № 5.",
        category=world.category,
        municipality=world.surgut,
    )
    services.idea_publish(user=world.moderator, idea=idea)
    services.idea_consider(user=world.mayor_office, idea=idea)
    services.idea_take(
        user=world.mayor_office,
        idea=idea,
        agency=world.parks,
        planned_date=later,
        answer="Включено в план 2026 года.",
    )
    services.idea_add_progress(user=world.parks_official, idea=idea, text="Высадили деревья.")
    services.idea_add_progress(user=world.parks_official, idea=idea, text="Поставили скамейки.")
    services.idea_implement(user=world.parks_official, idea=idea, note="Сквер открыт.")
    idea.refresh_from_db()
    assert idea.status == Status.IMPLEMENTED
    assert (idea.agency, idea.planned_date, idea.final_note) == (
        world.parks,
        later,
        "Сквер открыт.",
    )
    steps = list(idea.timeline.values_list("kind", "status_to"))
    assert steps == [
        ("status", "submitted"),
        ("status", "published"),
        ("status", "considered"),
        ("status", "taken"),
        ("progress", ""),
        ("progress", ""),
        ("status", "implemented"),
    ]
    kinds = list(Event.objects.filter(subject_id=str(idea.pk)).values_list("kind", flat=True))
    assert kinds == [
        "ideas.submitted",
        "ideas.published",
        "ideas.considered",
        "ideas.taken",
        "ideas.progress",
        "ideas.progress",
        "ideas.implemented",
    ]
