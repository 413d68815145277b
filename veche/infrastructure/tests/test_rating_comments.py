"""A rating's comment is one of the shared comments (veche/comments): one per rating, written
only with the rating by its author, moderated in the shared queue by the moderators of the
object's municipality, removed with a listed reason; the object page shows the published ones."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from veche.accounts.tests.factories import UserFactory
from veche.comments.models import Comment, RemovalReason
from veche.comments.services import comment_approve, comment_post, comment_remove
from veche.infrastructure.models import Rating, Status
from veche.infrastructure.services.residents import RATING_KIND, facility_rate
from veche.moderation.registry import source
from veche.staff.models import Role, StaffAuditLog
from veche.staff.tests.factories import RoleAssignmentFactory

from .factories import FacilityFactory

pytestmark = pytest.mark.django_db


def _completed(world):
    return FacilityFactory(municipality=world.surgut, status=Status.COMPLETED, progress=100)


def _moderator(municipality):
    return RoleAssignmentFactory(role=Role.MODERATOR, municipality=municipality).user


def test_a_rating_comment_is_a_shared_comment_awaiting_the_shared_queue(client, world):
    facility = _completed(world)
    rating = facility_rate(user=world.resident, facility=facility, score=4, comment="Хорошо")

    comment = Comment.objects.get()
    assert rating.comment == comment
    assert (comment.target_kind, comment.target_id) == (RATING_KIND, rating.pk)
    assert (comment.status, comment.municipality, comment.author) == (
        Comment.Status.PENDING,
        world.surgut,
        world.resident,
    )
    assert rating.comment_status == "pending"
    assert "Хорошо" not in client.get(facility.get_absolute_url()).content.decode()

    queue = source("comments.comment")
    assert queue.count(_moderator(world.urai)) == 0
    surgut = _moderator(world.surgut)
    assert [item.id for item in queue.pending(surgut)] == [comment.pk]
    with pytest.raises(PermissionDenied):
        comment_approve(moderator=_moderator(world.urai), comment=comment)
    queue.approve(surgut, comment.pk)

    assert StaffAuditLog.objects.filter(action="comments.approve").exists()
    assert "Хорошо" in client.get(facility.get_absolute_url()).content.decode()
    assert source("infrastructure.rating") is None  # no queue of its own any more


def test_a_removed_rating_comment_leaves_the_page_and_the_score_counts(client, world):
    facility = _completed(world)
    rating = facility_rate(user=world.resident, facility=facility, score=2, comment="Плохо")
    moderator = _moderator(world.surgut)
    comment_approve(moderator=moderator, comment=rating.comment)
    comment_remove(
        moderator=moderator, comment=rating.comment, reason=RemovalReason.objects.first()
    )

    page = client.get(facility.get_absolute_url()).content.decode()
    assert "Плохо" not in page
    rating.refresh_from_db()
    assert rating.score == 2 and rating.comment_status == "removed"


def test_one_comment_per_rating_rating_again_replaces_it(world):
    facility = _completed(world)
    first = facility_rate(user=world.resident, facility=facility, score=4, comment="Хорошо")
    kept = first.comment
    comment_approve(moderator=_moderator(world.surgut), comment=kept)

    same = facility_rate(user=world.resident, facility=facility, score=5, comment="Хорошо")
    assert same.comment == kept and same.comment_status == "published"  # unchanged text stays

    other = facility_rate(user=world.resident, facility=facility, score=3, comment="Так себе")
    assert Comment.objects.filter(target_kind=RATING_KIND).count() == 1
    assert (other.comment.text, other.comment.status) == ("Так себе", Comment.Status.PENDING)

    none = facility_rate(user=world.resident, facility=facility, score=3)
    assert none.comment is None and not Comment.objects.exists()
    assert Rating.objects.count() == 1


def test_nobody_comments_a_rating_outside_the_rating(world):
    facility = _completed(world)
    rating = facility_rate(user=world.resident, facility=facility, score=4, comment="Хорошо")
    other = RoleAssignmentFactory(role=Role.MODERATOR, municipality=world.urai).user
    for author in (other, world.resident):  # another person; the author a second time
        with pytest.raises(PermissionDenied):
            comment_post(author=author, kind=RATING_KIND, target_id=rating.pk, text="Ещё")
    assert Comment.objects.count() == 1
    second = Rating.objects.create(facility=_completed(world), user=other, score=3)
    with pytest.raises(IntegrityError), transaction.atomic():  # one rating per comment
        Rating.objects.filter(pk=second.pk).update(comment=rating.comment)


def test_the_queue_reads_rating_comments_in_constant_queries(world, django_assert_max_num_queries):
    """The queue's titles name each rating's object: read with the ratings, not one by one."""
    surgut = _moderator(world.surgut)
    queue = source("comments.comment")

    def rate(count):
        for _ in range(count):
            facility_rate(user=UserFactory(), facility=_completed(world), score=3, comment="Текст")

    rate(1)
    with CaptureQueriesContext(connection) as one:
        assert len(queue.pending(surgut)) == 1
    rate(4)
    with django_assert_max_num_queries(len(one)):
        items = queue.pending(surgut)
    assert len(items) == 5 and all("«" in item.title for item in items)
