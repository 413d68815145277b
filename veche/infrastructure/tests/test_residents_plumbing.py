"""The residents' parts plugged into the platform: the demo (ratings, proposals, topics), the
personal-data export and deletion, the shared moderation queue."""

from veche.accounts.privacy import deletion_hooks, export_sections
from veche.accounts.tests.factories import UserFactory
from veche.comments.models import Comment
from veche.core.demo import demos_in_order
from veche.infrastructure import demo, demo_residents
from veche.infrastructure.models import (
    Category,
    Facility,
    Proposal,
    ProposalSupport,
    Rating,
    Status,
)
from veche.infrastructure.models.residents import ProposalStatus
from veche.infrastructure.selectors import report_topic_ids
from veche.infrastructure.services.residents import facility_rate, proposal_submit
from veche.moderation.registry import source
from veche.reports import demo as reports_demo
from veche.staff.models import Role
from veche.staff.tests.factories import RoleAssignmentFactory

from .factories import FacilityFactory


def test_the_residents_demo_is_idempotent(db):
    for entry in demos_in_order():
        if entry.app_label in ("territory", "agencies"):
            entry.seed()
    reports_demo.seed()
    demo.seed()
    for n in range(1, 31):
        UserFactory(email=f"resident{n:02d}.demo@demo.veche")
    demo_residents.seed()
    first = (
        Rating.objects.count(),
        Comment.objects.count(),
        Proposal.objects.count(),
        ProposalSupport.objects.count(),
    )
    demo_residents.seed()
    assert (
        Rating.objects.count(),
        Comment.objects.count(),
        Proposal.objects.count(),
        ProposalSupport.objects.count(),
    ) == first
    published = Rating.objects.filter(comment__status="published")
    assert published.exists()
    assert published.count() == Comment.objects.filter(target_kind="infrastructure.rating").count()
    voted = Facility.objects.filter(vote_opens__isnull=False)
    assert voted.count() == 6
    assert voted.filter(municipality__slug="surgut").exists()  # the demo mayor's dashboard
    assert all(f.vote_count == f.votes.count() > 0 for f in voted)
    assert not Rating.objects.exclude(facility__status=Status.COMPLETED).exists()
    assert set(Proposal.objects.values_list("status", flat=True)) == set(ProposalStatus.values)
    published = Proposal.objects.filter(status=ProposalStatus.PUBLISHED).first()
    assert published.support_count == published.supports.count() > 0
    # Roads offer their own topics; a category without any, the general «Объект» sphere's.
    road = FacilityFactory(category=Category.objects.get(slug="roads-repair"))
    park = FacilityFactory(category=Category.objects.get(slug="parks"))
    assert len(report_topic_ids(road.pk)) == 3
    assert len(report_topic_ids(park.pk)) == 3
    assert set(report_topic_ids(road.pk)).isdisjoint(report_topic_ids(park.pk))


def test_export_and_deletion(world):
    facility = FacilityFactory(municipality=world.surgut, status=Status.COMPLETED)
    facility_rate(user=world.resident, facility=facility, score=4, comment="Мой отзыв")
    common = {"title": "Сквер", "reason": "Нужен", "category": world.yards}
    pending = proposal_submit(
        author=world.resident, lat=world.surgut.centre_lat, lon=world.surgut.centre_lon, **common
    )
    public = proposal_submit(
        author=world.resident,
        lat=world.surgut.centre_lat + 0.1,
        lon=world.surgut.centre_lon,
        **common,
    )
    Proposal.objects.filter(pk=public.pk).update(status=ProposalStatus.PUBLISHED)
    exported = export_sections()["infrastructure"](world.resident)
    assert exported["object_ratings"][0]["comment"] == "Мой отзыв"
    assert {p["id"] for p in exported["object_proposals"]} == {pending.pk, public.pk}
    deletion_hooks()["infrastructure"](world.resident)
    deletion_hooks()["comments"](world.resident)
    rating = Rating.objects.get()
    # The comment never published goes with the shared comments' hook; the score stays counted.
    assert (rating.score, rating.comment, rating.comment_status) == (4, None, "none")
    assert not Comment.objects.exists()
    assert list(Proposal.objects.values_list("pk", flat=True)) == [public.pk]


def test_the_moderation_queue_is_scoped_and_publishes(world):
    proposal = proposal_submit(
        author=world.resident,
        title="Сквер",
        reason="Нужен",
        category=world.yards,
        lat=world.surgut.centre_lat,
        lon=world.surgut.centre_lon,
    )
    surgut = RoleAssignmentFactory(role=Role.MODERATOR, municipality=world.surgut).user
    urai = RoleAssignmentFactory(role=Role.MODERATOR, municipality=world.urai).user
    queue = source("infrastructure.proposal")
    assert queue.count(urai) == 0
    assert [item.id for item in queue.pending(surgut)] == [proposal.pk]
    queue.approve(surgut, proposal.pk)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PUBLISHED
    assert queue.count(surgut) == 0
