"""Applications up to the technical review: the acceptance tests of issue 12 (who submits,
when, what is checked and that nothing is saved on an error, revisions, template versions, the
quota, co-financing) and the reviewers' steps."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.budgeting import services
from veche.budgeting.models import (
    Application,
    ApplicationRevision,
    ContestReviewer,
    FieldKind,
    RejectionReason,
    TemplateField,
)
from veche.budgeting.services import FieldIn
from veche.budgeting.services.applications import (
    Money,
    application_save,
    application_start,
    application_submit,
)
from veche.budgeting.services.review import (
    application_admit,
    application_reject,
    application_request_revision,
    reviewer_add,
)
from veche.budgeting.tests.factories import ContestFactory, add_group, add_template
from veche.events.models import Event
from veche.media.tests.files import pdf
from veche.staff.models import StaffAuditLog


def _money(cost="1000000", residents="100000", municipality="900000"):
    amounts = {
        s: Decimal(0) for s in ("region", "municipality", "residents", "businesses", "in_kind")
    }
    amounts |= {"residents": Decimal(residents), "municipality": Decimal(municipality)}
    return Money(Decimal(cost), amounts)


@pytest.fixture
def contest(world):
    made = ContestFactory(municipality=world.surgut)  # applications open, residents ≥ 5 %
    version = add_template(made)
    TemplateField.objects.create(
        version=version,
        key="field-4",
        kind=FieldKind.NUMBER,
        label="Число благополучателей",
        min_value=1,
        max_value=100000,
        position=4,
    )
    TemplateField.objects.filter(version=version, key="field-3").update(file_types="pdf")
    return made


@pytest.fixture
def member(world):
    return UserFactory()


@pytest.fixture
def group(world, member):
    return add_group(world.resident, world.surgut, member)


@pytest.fixture
def draft(world, contest, group, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return application_start(
        user=world.resident, contest=contest, kind="group", group=group, title="Новый двор"
    )


def _complete(user, application, **answers):
    upload = SimpleUploadedFile("protocol.pdf", pdf(), content_type="application/pdf")
    return application_save(
        user=user,
        application=application,
        title=application.title,
        answers={"field-1": "Двор на Ленина", "field-2": "1000000", "field-4": "250", **answers},
        money_in=_money(),
        uploads={"field-3": upload},
    )


def _snapshot(application):
    application.refresh_from_db()
    return (
        application.status,
        application.answers,
        application.cost,
        application.files.count(),
        application.revisions.count(),
    )


def test_a_group_applies_and_its_leader_submits(world, draft, member):
    _complete(member, draft)  # any member writes
    with pytest.raises(PermissionDenied, match="лидер"):
        application_submit(user=member, application=draft)
    revision = application_submit(user=world.resident, application=draft)
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED and revision.number == 1
    assert revision.answers["field-4"] == "250"
    assert Event.objects.filter(kind="budgeting.application_submitted").count() == 1


@pytest.mark.parametrize(
    ("answers", "uploads", "key", "words"),
    [
        ({"field-1": ""}, None, "answer-field-1", "Название проекта"),
        ({"field-4": "0"}, None, "answer-field-4", "Число благополучателей"),
        ({"field-4": "пять"}, None, "answer-field-4", "Число благополучателей"),
        (
            {},
            {"field-3": SimpleUploadedFile("protocol.html", b"<html>", content_type="text/html")},
            "answer-field-3",
            "Протокол собрания жителей",
        ),
    ],
)
def test_each_error_names_its_field_and_nothing_is_saved(
    world, draft, answers, uploads, key, words
):
    _complete(world.resident, draft)
    before = _snapshot(draft)
    with pytest.raises(ValidationError) as refused:
        if answers.get("field-1") == "":  # a required field left empty: refused on submission
            application_save(
                user=world.resident,
                application=draft,
                title=draft.title,
                answers={"field-2": "1000000", "field-4": "250", **answers},
                money_in=_money(),
            )
            application_submit(user=world.resident, application=draft)
        else:
            application_save(
                user=world.resident,
                application=draft,
                title=draft.title,
                answers={"field-1": "Двор", "field-2": "1000000", "field-4": "250", **answers},
                money_in=_money(),
                uploads=uploads,
            )
    assert key in refused.value.message_dict
    assert words in refused.value.message_dict[key][0]
    if answers.get("field-1") != "":
        assert _snapshot(draft) == before


def test_an_application_cannot_be_submitted_outside_the_applications_stage(world, draft):
    _complete(world.resident, draft)
    with time_machine.travel(timezone.now() + timedelta(days=12), tick=False):  # technical review
        with pytest.raises(PermissionDenied, match="приём заявок"):
            application_submit(user=world.resident, application=draft)
    draft.refresh_from_db()
    assert draft.status == Application.Status.DRAFT and not draft.revisions.exists()


@pytest.mark.parametrize(
    ("money_in", "field", "words"),
    [
        (_money(cost="1000000", residents="200000"), "cost", "должны быть равны"),  # 1.1 M ≠ 1 M
        (_money(residents="10000", municipality="990000"), "amount_residents", "не менее"),
    ],
)
def test_co_financing_is_checked_against_the_contest(world, draft, money_in, field, words):
    _complete(world.resident, draft)
    draft.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        application_save(
            user=world.resident,
            application=draft,
            title=draft.title,
            answers=draft.answers,
            money_in=money_in,
        )
        application_submit(user=world.resident, application=draft)
    assert words in refused.value.message_dict[field][0]
    draft.refresh_from_db()
    assert draft.status == Application.Status.DRAFT


def test_the_subsidy_cap_holds(world, contest, draft):
    contest.subsidy_cap = Decimal(500000)
    contest.save()
    _complete(world.resident, draft)
    with pytest.raises(ValidationError) as refused:
        application_submit(user=world.resident, application=draft)
    assert "amount_municipality" in refused.value.message_dict


def test_a_template_edited_after_submission_leaves_the_answers_intact(world, contest, draft):
    _complete(world.resident, draft)
    application_submit(user=world.resident, application=draft)
    services.field_update(
        user=world.surgut_admin,
        contest=contest,
        key="field-1",
        spec=FieldIn(FieldKind.TEXT, "Как называется инициатива"),
    )
    services.field_remove(user=world.surgut_admin, contest=contest, key="field-4")
    services.template_publish(user=world.surgut_admin, contest=contest)
    draft.refresh_from_db()
    assert draft.version.number == 1
    labels = list(draft.version.fields.order_by("position").values_list("label", flat=True))
    assert labels[0] == "Название проекта" and "Число благополучателей" in labels
    assert draft.revisions.get().answers["field-4"] == "250"


def test_revisions_keep_each_version_and_remarks_per_field(world, contest, draft):
    reviewer = UserFactory()
    reviewer_add(user=world.surgut_admin, contest=contest, reviewer=reviewer)
    _complete(world.resident, draft)
    application_submit(user=world.resident, application=draft)
    application_request_revision(
        user=reviewer, application=draft, remarks={"field-4": "Уточните число жителей дома."}
    )
    draft.refresh_from_db()
    assert draft.status == Application.Status.REVISION and draft.revision_due > timezone.now()
    application_save(
        user=world.resident,
        application=draft,
        title=draft.title,
        answers={**draft.answers, "field-4": "180"},
        money_in=_money(),
    )
    application_submit(user=world.resident, application=draft)
    first, second = ApplicationRevision.objects.filter(application=draft).order_by("number")
    assert (first.answers["field-4"], second.answers["field-4"]) == ("250", "180")
    assert first.remarks.get().key == "field-4"
    application_admit(user=reviewer, application=draft)
    draft.refresh_from_db()
    assert draft.status == Application.Status.ADMITTED
    assert StaffAuditLog.objects.filter(action="budgeting.application_admitted").count() == 1


def test_rejection_needs_a_listed_reason(world, contest, draft):
    _complete(world.resident, draft)
    application_submit(user=world.resident, application=draft)
    with pytest.raises(ValidationError):
        application_reject(user=world.surgut_admin, application=draft, reason=None)
    reason = RejectionReason.objects.get(code="not-eligible")
    application_reject(user=world.surgut_admin, application=draft, reason=reason)
    draft.refresh_from_db()
    assert draft.status == Application.Status.REJECTED and draft.rejection_reason == reason


def test_only_reviewers_of_the_contest_decide(world, contest, draft):
    _complete(world.resident, draft)
    application_submit(user=world.resident, application=draft)
    for outsider in (world.urai_admin, world.resident, UserFactory()):
        with pytest.raises(PermissionDenied):
            application_admit(user=outsider, application=draft)
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED


def test_an_organizer_of_surgut_cannot_see_urais_applications(world, contest, draft):
    assert world.surgut_admin.has_perm("budgeting.view_application", draft)
    assert not world.urai_admin.has_perm("budgeting.view_application", draft)
    assert not UserFactory().has_perm("budgeting.view_application", draft)
    assert world.resident.has_perm("budgeting.view_application", draft)


@pytest.fixture
def regional(world):
    made = ContestFactory(
        municipality=None,
        accepts_groups=False,
        accepts_municipalities=True,
        quota_per_municipality=1,
        min_share_residents=Decimal(0),
    )
    add_template(made)
    return made


def _municipal_application(user, contest, municipality):
    application = application_start(
        user=user, contest=contest, kind="municipality", municipality=municipality, title="Сквер"
    )
    return _complete(user, application)


def test_in_a_regional_contest_only_the_municipalitys_admin_applies_within_the_quota(
    world, regional, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(PermissionDenied):
        application_start(
            user=world.urai_admin,
            contest=regional,
            kind="municipality",
            municipality=world.surgut,
            title="Сквер",
        )
    with pytest.raises(ValidationError):  # no groups in this contest
        application_start(user=world.resident, contest=regional, kind="group", title="Сквер")
    first = _municipal_application(world.surgut_admin, regional, world.surgut)
    with pytest.raises(PermissionDenied):
        application_submit(user=world.resident, application=first)
    application_submit(user=world.surgut_admin, application=first)
    second = _municipal_application(world.surgut_admin, regional, world.surgut)
    with pytest.raises(ValidationError, match="квот"):
        application_submit(user=world.surgut_admin, application=second)
    second.refresh_from_db()
    assert second.status == Application.Status.DRAFT
    assert StaffAuditLog.objects.filter(action="budgeting.application_submitted").count() == 1


def test_reviewers_are_named_by_the_organizer_and_audited(world, contest):
    reviewer = UserFactory()
    with pytest.raises(PermissionDenied):
        reviewer_add(user=world.urai_admin, contest=contest, reviewer=reviewer)
    reviewer_add(user=world.surgut_admin, contest=contest, reviewer=reviewer)
    assert ContestReviewer.objects.filter(contest=contest, user=reviewer).exists()
    assert StaffAuditLog.objects.filter(action="budgeting.reviewer_add").count() == 1


def test_admission_needs_every_point_of_the_checklist(world, contest, draft):
    from veche.budgeting.models import ChecklistItem

    signed = ChecklistItem.objects.create(contest=contest, text="Протокол подписан", position=1)
    estimate = ChecklistItem.objects.create(contest=contest, text="Смета приложена", position=2)
    _complete(world.resident, draft)
    application_submit(user=world.resident, application=draft)
    with pytest.raises(ValidationError, match="Смета приложена"):
        application_admit(user=world.surgut_admin, application=draft, checked={signed.pk})
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED
    application_admit(user=world.surgut_admin, application=draft, checked={signed.pk, estimate.pk})
    draft.refresh_from_db()
    assert draft.status == Application.Status.ADMITTED
