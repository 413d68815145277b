"""The organizer's services: who may create and change a contest, what its terms and stages must
be (each refusal names the field and saves nothing), publication, documents."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from veche.budgeting import services, stages
from veche.budgeting.models import Contest, ContestDocument, ContestStage
from veche.budgeting.services import StageIn, Terms
from veche.budgeting.tests.factories import (
    ContestFactory,
    DraftContestFactory,
    add_stages,
    add_template,
)
from veche.events.models import Event
from veche.media.tests.files import pdf
from veche.staff.models import StaffAuditLog


def _terms(municipality, **changes) -> Terms:
    values = {
        "title": "Народный бюджет Сургута 2027",
        "rules": "<p>Дворы и скверы.</p><script>alert(1)</script>",
        "municipality": municipality,
        "budget": Decimal("15000000"),
        "subsidy_cap": Decimal("3000000"),
        "min_shares": {"residents": Decimal("5"), "municipality": Decimal("10")},
        "quota_per_municipality": None,
        "accepts_groups": True,
    }
    return Terms(**{**values, **changes})


def _snapshot():
    return (
        list(Contest.objects.values()),
        list(ContestStage.objects.values()),
        Event.objects.count(),
        StaffAuditLog.objects.count(),
    )


def test_a_municipal_admin_creates_a_draft_of_his_municipality(world):
    contest = services.contest_create(user=world.surgut_admin, terms=_terms(world.surgut))
    assert contest.status == Contest.Status.DRAFT and contest.organizer == world.surgut_admin
    assert "<script>" not in contest.rules and "<p>Дворы и скверы.</p>" in contest.rules
    assert contest.min_share_residents == 5 and contest.min_share_region == 0
    assert Event.objects.filter(kind="budgeting.contest_create").count() == 1
    assert StaffAuditLog.objects.filter(action="budgeting.contest_create").count() == 1


@pytest.mark.parametrize(
    ("person", "territory"),
    [("surgut_admin", "urai"), ("surgut_admin", None), ("resident", "surgut")],
)
def test_others_cannot_create_there(world, person, territory):
    before = _snapshot()
    municipality = getattr(world, territory) if territory else None
    with pytest.raises(PermissionDenied):
        services.contest_create(user=getattr(world, person), terms=_terms(municipality))
    assert _snapshot() == before


def test_the_regional_admin_creates_a_regional_contest_with_a_quota(world):
    contest = services.contest_create(
        user=world.regional_admin,
        terms=_terms(None, quota_per_municipality=3, accepts_municipalities=True),
    )
    assert contest.is_regional and contest.quota_per_municipality == 3


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"budget": Decimal(0)}, "budget"),
        ({"budget": Decimal("-5")}, "budget"),
        ({"budget": None}, "budget"),
        ({"title": "  "}, "title"),
        ({"subsidy_cap": Decimal("20000000")}, "subsidy_cap"),
        ({"min_shares": {"residents": Decimal("60"), "region": Decimal("50")}}, "min_share_region"),
        ({"min_shares": {"residents": Decimal("120")}}, "min_share_residents"),
        ({"quota_per_municipality": 2}, "quota_per_municipality"),  # a municipal contest
        ({"accepts_municipalities": True}, "accepts_municipalities"),
        ({"accepts_groups": False}, "accepts_groups"),
    ],
)
def test_bad_terms_are_refused_by_field_and_nothing_is_saved(world, changes, field):
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        services.contest_create(user=world.surgut_admin, terms=_terms(world.surgut, **changes))
    assert field in refused.value.message_dict
    assert _snapshot() == before


def test_a_municipal_admin_cannot_move_his_contest_to_another_municipality(world):
    contest = DraftContestFactory(municipality=world.surgut, stage="")
    with pytest.raises(PermissionDenied):
        services.contest_update(user=world.surgut_admin, contest=contest, terms=_terms(world.urai))
    contest.refresh_from_db()
    assert contest.municipality == world.surgut


def _stages(start, *kinds, days=10):
    return [
        StageIn(kind, start + timedelta(days=days * n), start + timedelta(days=days * (n + 1)))
        for n, kind in enumerate(kinds)
    ]


def test_stages_are_set_in_the_organizers_order(world):
    contest = DraftContestFactory(municipality=world.surgut, stage="")
    start = timezone.now() + timedelta(days=5)
    # Some contests score before they vote.
    kinds = (stages.APPLICATIONS, stages.EXPERT_EVALUATION, stages.PUBLIC_VOTING)
    services.contest_set_stages(
        user=world.surgut_admin, contest=contest, stages=_stages(start, *kinds)
    )
    assert [s.kind for s in contest.ordered_stages()] == list(kinds)
    assert [s.position for s in contest.ordered_stages()] == [1, 2, 3]
    assert Event.objects.filter(kind="budgeting.contest_stages").count() == 1


def test_overlapping_stages_are_refused_naming_the_stage(world):
    contest = DraftContestFactory(municipality=world.surgut, stage="")
    start = timezone.now() + timedelta(days=5)
    wanted = _stages(start, stages.APPLICATIONS, stages.TECHNICAL_REVIEW)
    wanted[1] = StageIn(
        stages.TECHNICAL_REVIEW, start + timedelta(days=9), start + timedelta(days=20)
    )
    with pytest.raises(ValidationError) as refused:
        services.contest_set_stages(user=world.surgut_admin, contest=contest, stages=wanted)
    message = refused.value.message_dict["stage-technical_review-start"][0]
    assert "«техническая экспертиза»" in message and "«приём заявок»" in message
    assert not ContestStage.objects.exists()


@pytest.mark.parametrize(
    ("wanted", "field"),
    [
        ([], "stages"),
        ([StageIn(stages.RESULTS, None, None)], "stage-results-start"),
        ("backwards", "stage-applications-end"),
        ("no_applications", "stages"),
        ("twice", "stage-applications-order"),
    ],
)
def test_bad_stages_are_refused(world, wanted, field):
    contest = DraftContestFactory(municipality=world.surgut, stage="")
    start = timezone.now() + timedelta(days=5)
    if wanted == "backwards":
        wanted = [StageIn(stages.APPLICATIONS, start, start - timedelta(hours=1))]
    elif wanted == "no_applications":
        wanted = _stages(start, stages.PUBLIC_VOTING)
    elif wanted == "twice":
        wanted = _stages(start, stages.APPLICATIONS, stages.APPLICATIONS)
    with pytest.raises(ValidationError) as refused:
        services.contest_set_stages(user=world.surgut_admin, contest=contest, stages=wanted)
    assert field in refused.value.message_dict


def test_a_contest_that_has_begun_keeps_its_stages_and_terms(world):
    contest = ContestFactory(municipality=world.surgut)  # applications open now
    before = _snapshot()
    with pytest.raises(ValidationError, match="уже начался"):
        services.contest_set_stages(
            user=world.surgut_admin,
            contest=contest,
            stages=_stages(timezone.now() + timedelta(days=1), stages.APPLICATIONS),
        )
    with pytest.raises(ValidationError, match="уже начался"):
        services.contest_update(
            user=world.surgut_admin, contest=contest, terms=_terms(world.surgut)
        )
    assert _snapshot() == before


def test_the_database_refuses_overlap_free_rules_it_can_check(world):
    """What one row can tell is a CHECK: a stage ending before it starts never gets in."""
    from django.db import IntegrityError, transaction

    contest = DraftContestFactory(municipality=world.surgut, stage="")
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        ContestStage.objects.create(
            contest=contest, kind="applications", position=1, starts_at=now, ends_at=now
        )


@pytest.mark.parametrize(
    "fields",
    [
        {"budget": Decimal(0)},
        {"min_share_residents": Decimal(60), "min_share_region": Decimal(50)},
        {"quota_per_municipality": 3},  # on a municipal contest
        {"accepts_groups": False},
        {"subsidy_cap": Decimal("20000000")},
    ],
)
def test_the_database_checks_the_terms(world, fields):
    from django.db import IntegrityError, transaction

    contest = DraftContestFactory(municipality=world.surgut, stage="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Contest.objects.filter(pk=contest.pk).update(**fields)


def test_publishing_needs_an_applications_stage_in_the_future(world):
    contest = DraftContestFactory(municipality=world.surgut, stage="")
    with pytest.raises(ValidationError, match="как минимум этап приёма заявок"):
        services.contest_publish(user=world.surgut_admin, contest=contest)
    add_stages(contest, (stages.APPLICATIONS,), start=timezone.now() - timedelta(days=1))
    with pytest.raises(ValidationError, match="уже начался"):
        services.contest_publish(user=world.surgut_admin, contest=contest)
    contest.refresh_from_db()
    assert contest.status == Contest.Status.DRAFT


def test_publishing_a_ready_draft(world):
    contest = DraftContestFactory(municipality=world.surgut, stage="")
    add_template(contest, published=False)
    add_stages(contest, (stages.APPLICATIONS,), start=timezone.now() + timedelta(days=1))
    with pytest.raises(PermissionDenied):
        services.contest_publish(user=world.urai_admin, contest=contest)
    services.contest_publish(user=world.surgut_admin, contest=contest)
    contest.refresh_from_db()
    assert contest.is_published and contest.published_at is not None
    assert StaffAuditLog.objects.filter(action="budgeting.contest_publish").count() == 1


def test_documents_are_attached_cleaned_and_removed(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    contest = DraftContestFactory(municipality=world.surgut, stage="")
    upload = SimpleUploadedFile("rules.pdf", pdf(), content_type="application/pdf")
    document = services.contest_add_document(
        user=world.surgut_admin, contest=contest, title="Положение о конкурсе", file=upload
    )
    assert document.content_type == "application/pdf"
    services.contest_remove_document(user=world.surgut_admin, document=document)
    assert not ContestDocument.objects.exists()


def test_a_document_of_a_refused_type_names_the_file_field(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    contest = DraftContestFactory(municipality=world.surgut, stage="")
    upload = SimpleUploadedFile("page.html", b"<html><script></script>", content_type="text/html")
    with pytest.raises(ValidationError) as refused:
        services.contest_add_document(
            user=world.surgut_admin, contest=contest, title="Страница", file=upload
        )
    assert "file" in refused.value.message_dict
    assert not ContestDocument.objects.exists()
