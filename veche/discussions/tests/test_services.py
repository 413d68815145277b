"""The services one by one: comments with a passage or proposal, ratings, answers, versions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone

from veche.comments.models import Comment
from veche.discussions import services
from veche.discussions.models import Draft, DraftComment, Rating, Section
from veche.discussions.services import DraftIn, SectionEdit
from veche.events.models import Event

from .factories import closed, draft_with, published_comment


def test_a_passage_found_is_kept_with_the_comment(world):
    draft = draft_with(municipality=world.surgut)
    section = draft.sections.get(heading="Содержание дворов")
    posted = services.draft_comment(
        author=world.anna,
        draft=draft,
        section=section,
        passage="Снег  вывозится\nв течение суток",
        text="Долго.",
    )
    assert posted.passage_found
    assert posted.note.passage == "Снег вывозится в течение суток"
    assert posted.comment.target_kind == "discussions.section"
    assert posted.comment.target_id == section.pk
    assert posted.comment.status == Comment.Status.PENDING  # pre-moderation


def test_a_passage_not_found_attaches_the_comment_to_the_section(world):
    draft = draft_with(municipality=world.surgut)
    section = draft.sections.first()
    posted = services.draft_comment(
        author=world.anna, draft=draft, section=section, passage="такого текста нет", text="Хм."
    )
    assert not posted.passage_found
    assert posted.note.passage == "" and posted.note.section_id == section.pk


def test_a_proposal_needs_its_wording(world):
    draft = draft_with(municipality=world.surgut)
    with pytest.raises(ValidationError) as error:
        services.draft_comment(author=world.anna, draft=draft, text="Предлагаю", is_proposal=True)
    assert "wording" in error.value.message_dict
    assert not Comment.objects.exists()


def test_a_comment_on_the_whole_draft(world):
    draft = draft_with(municipality=world.surgut)
    posted = services.draft_comment(
        author=world.anna,
        draft=draft,
        text="В целом хорошо",
        is_proposal=True,
        wording="Добавить раздел о парковках.",
    )
    assert posted.comment.target_kind == "discussions.draft"
    assert posted.note.is_proposal and posted.note.section is None


def test_an_unconfirmed_resident_cannot_comment(world):
    draft = draft_with(municipality=world.surgut)
    with pytest.raises(PermissionDenied):
        services.draft_comment(author=world.unconfirmed, draft=draft, text="Привет")
    assert not Comment.objects.exists()


def test_a_removed_section_takes_no_new_comment(world):
    draft = draft_with(municipality=world.surgut, organizer=world.mayor_office)
    first, *rest = draft.sections.order_by("position")
    services.version_publish(
        user=world.mayor_office,
        draft=draft,
        sections=[SectionEdit(s.pk, s.heading, "Новый текст") for s in rest],
    )
    first.refresh_from_db()
    assert first.removed_in == 2
    with pytest.raises(PermissionDenied, match="удалён"):
        services.draft_comment(author=world.anna, draft=draft, section=first, text="Зачем убрали?")


def test_rating_once_per_person_changeable_while_open(world):
    draft = draft_with(municipality=world.surgut)
    services.draft_rate(user=world.anna, draft=draft, value="support")
    services.draft_rate(user=world.oleg, draft=draft, value="support")
    services.draft_rate(user=world.anna, draft=draft, value="oppose")
    draft.refresh_from_db()
    assert (draft.support_count, draft.neutral_count, draft.oppose_count) == (1, 0, 1)
    assert Rating.objects.filter(draft=draft).count() == 2
    assert Event.objects.filter(kind="discussions.rated").count() == 3
    draft = closed(draft)
    with pytest.raises(PermissionDenied, match="завершено"):
        services.draft_rate(user=world.anna, draft=draft, value="neutral")
    draft.refresh_from_db()
    assert draft.oppose_count == 1


def test_the_database_refuses_a_second_rating(world):
    draft = draft_with(municipality=world.surgut)
    Rating.objects.create(draft=draft, user=world.anna, value="support")
    with pytest.raises(IntegrityError):
        Rating.objects.create(draft=draft, user=world.anna, value="oppose")


def test_answers_can_change_until_the_report_is_published(world):
    draft = draft_with(municipality=world.surgut)
    note = published_comment(draft=draft, author=world.anna, is_proposal=True, wording="Иначе")
    with pytest.raises(PermissionDenied, match="после завершения"):
        services.proposal_answer(user=world.mayor_office, note=note, outcome="accepted")
    draft = closed(draft)
    with pytest.raises(ValidationError) as error:
        services.proposal_answer(user=world.mayor_office, note=note, outcome="rejected")
    assert "reason" in error.value.message_dict
    services.proposal_answer(user=world.mayor_office, note=note, outcome="rejected", reason="Нет")
    services.proposal_answer(user=world.mayor_office, note=note, outcome="accepted")
    note.refresh_from_db()
    assert note.outcome == "accepted"
    services.report_publish(user=world.mayor_office, draft=draft, summary="Спасибо всем.")
    with pytest.raises(PermissionDenied, match="опубликован"):
        services.proposal_answer(user=world.mayor_office, note=note, outcome="partial", reason="x")
    note.refresh_from_db()
    assert note.outcome == "accepted"


def test_publishing_the_report_tells_the_participants(world):
    from veche.notifications.models import Notification

    draft = draft_with(municipality=world.surgut)
    note = published_comment(draft=draft, author=world.anna, is_proposal=True, wording="Иначе")
    published_comment(draft=draft, author=world.oleg)
    draft = closed(draft)
    services.proposal_answer(user=world.mayor_office, note=note, outcome="accepted")
    services.report_publish(user=world.mayor_office, draft=draft)

    def told(kind):
        return set(Notification.objects.filter(kind=kind).values_list("user_id", flat=True))

    assert told("discussions.proposal_answered") == {world.anna.pk}
    assert told("discussions.report") == {world.oleg.pk}
    from veche.discussions.notices import deliver

    assert deliver(kind="report", draft_id=draft.pk) == 0  # once


def test_subscribers_of_the_municipality_hear_of_a_new_discussion(world):
    from veche.notifications.models import Notification
    from veche.notifications.tests.factories import SubscriptionFactory

    SubscriptionFactory(user=world.anna, municipality=world.surgut)
    SubscriptionFactory(user=world.oleg, municipality=world.urai)
    draft = draft_with(municipality=world.surgut, status="preparation", published_at=None)
    services.draft_publish(user=world.mayor_office, draft=draft)
    told = set(
        Notification.objects.filter(kind="discussions.new_draft").values_list("user_id", flat=True)
    )
    assert told == {world.anna.pk}


def test_create_and_edit_before_publication_replaces_the_first_version(world):
    now = timezone.now()
    draft = services.draft_create(
        user=world.agency_head,
        data=DraftIn(
            title=" Программа  ",
            agency=world.agency,
            opens_at=now,
            closes_at=now + datetime.timedelta(days=10),
        ),
        sections=[SectionEdit(None, "Цели", "Текст <script>alert(1)</script> **важно**")],
    )
    assert draft.title == "Программа" and draft.status == Draft.Status.PREPARATION
    section = draft.sections.get()
    html = section.versions.get().html
    assert "<script" not in html and "<strong>важно</strong>" in html
    services.version_publish(
        user=world.agency_head, draft=draft, sections=[SectionEdit(None, "Задачи", "Другое")]
    )
    draft.refresh_from_db()
    assert draft.current_version == 1
    assert list(Section.objects.filter(draft=draft).values_list("heading", flat=True)) == ["Задачи"]
    services.draft_publish(user=world.agency_head, draft=draft)
    draft.refresh_from_db()
    assert draft.is_published
    assert Event.objects.filter(kind="discussions.published").count() == 1


def test_the_draft_needs_a_period_in_order(world):
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        services.draft_create(
            user=world.regional_admin,
            data=DraftIn(title="X", opens_at=now, closes_at=now),
            sections=[SectionEdit(None, "A", "B")],
        )
    assert "closes_at" in error.value.message_dict
    assert not Draft.objects.exists()


def test_a_removed_proposal_is_not_in_the_report(world):
    draft = draft_with(municipality=world.surgut)
    published_comment(
        draft=draft, author=world.anna, is_proposal=True, wording="A", status=Comment.Status.PENDING
    )
    draft = closed(draft)
    services.report_publish(user=world.mayor_office, draft=draft)
    assert DraftComment.objects.count() == 1


def test_a_reported_discussion_keeps_its_particulars(world):
    draft = closed(draft_with(municipality=world.surgut))
    services.report_publish(user=world.mayor_office, draft=draft)
    with pytest.raises(ValidationError, match="опубликован"):
        services.draft_update(
            user=world.mayor_office,
            draft=draft,
            data=DraftIn(
                title="Другое",
                opens_at=timezone.now(),
                closes_at=timezone.now() + datetime.timedelta(days=9),
            ),
        )
    draft.refresh_from_db()
    assert draft.title != "Другое"


def test_a_pending_proposal_is_public_once_a_moderator_approves_it(world, client):
    from django.urls import reverse

    from veche.comments.selectors import pending_for
    from veche.comments.services import comment_approve

    draft = draft_with(municipality=world.surgut)
    section = draft.sections.first()
    posted = services.draft_comment(
        author=world.anna,
        draft=draft,
        section=section,
        text="Иначе",
        is_proposal=True,
        wording="Новая редакция",
    )
    assert posted.comment.pk in [item.comment.pk for item in pending_for(world.moderator)]
    section_url = reverse("discussions:section", args=[draft.pk, section.pk])
    assert "Новая редакция" not in client.get(section_url).content.decode()
    comment_approve(moderator=world.moderator, comment=posted.comment)
    assert "Новая редакция" in client.get(section_url).content.decode()
