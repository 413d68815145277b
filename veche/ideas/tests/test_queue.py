"""Ideas in the shared moderation queue (/moderation/?kind=ideas.idea): the source lists the
ideas this moderator may publish, with an excerpt, the first photo, the municipality and the
author as «Имя Ф.»; approving publishes, rejecting names a listed reason; a moderator of another
municipality is refused and nothing changes; /ideas/work/ links there."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from veche.events.models import Event
from veche.ideas import queue
from veche.ideas.models import Idea, Status
from veche.ideas.services import idea_submit
from veche.ideas.tests.factories import IdeaFactory, PublishedIdeaFactory
from veche.media.tests.files import jpeg_with_gps
from veche.moderation.registry import source
from veche.staff.models import StaffAuditLog

pytestmark = pytest.mark.django_db

QUEUE = "/moderation/?kind=ideas.idea"


def _with_photo(world) -> Idea:
    return idea_submit(
        author=world.author,
        title="Сквер у школы",
        text="Разбить сквер с лавочками. " * 30,
        category=world.category,
        municipality=world.surgut,
        photos=[jpeg_with_gps()],
    )


def test_ideas_are_a_registered_source(world):
    registered = source("ideas.idea")
    assert registered is not None and str(registered.label) == "идеи"
    assert ("not-an-idea", world.reason.text) in registered.reasons()


def test_the_source_lists_this_moderators_ideas_with_excerpt_photo_and_author(world):
    idea = _with_photo(world)
    later = IdeaFactory(municipality=world.surgut)
    IdeaFactory(municipality=world.urai)
    PublishedIdeaFactory(municipality=world.surgut)
    items = queue.pending(world.moderator)
    assert [i.id for i in items] == [idea.pk, later.pk]  # oldest first, Surgut's only
    first = items[0]
    assert (first.title, first.territory, first.author) == ("Сквер у школы", "Сургут", "Анна П.")
    assert first.url == f"/ideas/{idea.pk}/" and first.kind == "ideas.idea"
    assert first.excerpt.startswith("Разбить сквер") and len(first.excerpt) <= queue.EXCERPT
    assert first.photo_url == idea.photos.get().thumbnail.url
    assert items[1].photo_url == ""
    assert queue.count(world.moderator) == 2 and queue.count(world.regional_admin) == 3
    assert queue.pending(world.neighbour) == [] and queue.count(world.neighbour) == 0


def test_the_source_reads_in_constant_queries(world):
    queue.pending(world.moderator)  # his roles are read once and kept on the user

    def queries_for(count: int) -> int:
        IdeaFactory.create_batch(count, municipality=world.surgut)
        with CaptureQueriesContext(connection) as captured:
            queue.pending(world.moderator)
        return len(captured)

    assert queries_for(2) == queries_for(10)


def test_the_moderation_page_publishes_an_idea(client, world):
    idea = _with_photo(world)
    client.force_login(world.moderator)
    page = client.get(QUEUE).content.decode()
    assert "Сквер у школы" in page and "Анна П." in page and "Петрова" not in page
    response = client.post(f"/moderation/ideas.idea/{idea.pk}/approve/", follow=True)
    assert f"Идея № {idea.pk} опубликована." in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == Status.PUBLISHED
    assert Event.objects.filter(kind="ideas.published").count() == 1
    assert StaffAuditLog.objects.filter(action="ideas.published", actor=world.moderator).exists()


def test_the_moderation_page_rejects_an_idea_with_a_listed_reason(client, world):
    idea = IdeaFactory(municipality=world.surgut)
    client.force_login(world.moderator)
    response = client.post(
        f"/moderation/ideas.idea/{idea.pk}/reject/",
        {"reason": world.reason.code, "note": "Подайте как сообщение о проблеме."},
        follow=True,
    )
    assert f"Идея № {idea.pk} отклонена." in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == Status.REJECTED and idea.rejection_reason == world.reason
    assert StaffAuditLog.objects.filter(action="ideas.rejected").count() == 1


def test_a_reject_without_a_listed_reason_changes_nothing(client, world):
    idea = IdeaFactory(municipality=world.surgut)
    client.force_login(world.moderator)
    response = client.post(
        f"/moderation/ideas.idea/{idea.pk}/reject/", {"reason": "made-up"}, follow=True
    )
    assert "Выберите причину из списка." in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED and not Event.objects.filter(kind="ideas.rejected")


def test_a_moderator_of_another_municipality_is_refused_and_nothing_changes(client, world):
    idea = IdeaFactory(municipality=world.surgut)
    client.force_login(world.urai_moderator)
    response = client.post(f"/moderation/ideas.idea/{idea.pk}/approve/", follow=True)
    assert "Вы не модерируете идеи этого муниципального образования." in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED
    assert not StaffAuditLog.objects.exists() and not Event.objects.exists()


def test_an_idea_published_meanwhile_is_refused_with_a_message(client, world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    client.force_login(world.moderator)
    response = client.post(f"/moderation/ideas.idea/{idea.pk}/approve/", follow=True)
    assert "Это нельзя сделать, пока идея в статусе «опубликована»." in response.content.decode()


def test_the_work_page_sends_the_moderator_to_the_queue(client, world):
    IdeaFactory(municipality=world.surgut, title="Ждёт модератора")
    client.force_login(world.moderator)
    page = client.get("/ideas/work/").content.decode()
    assert 'href="/moderation/?kind=ideas.idea"' in page
    assert 'href="/moderation/?kind=ideas.idea"' in client.get("/staff/").content.decode()
