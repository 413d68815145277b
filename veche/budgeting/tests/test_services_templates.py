"""The application template: each field's limits checked by field; published versions never
change (editing makes a new version); copying from another contest; a contest whose template
has no fields cannot be published."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from veche.budgeting import services, stages
from veche.budgeting.models import Contest, FieldKind, TemplateField, TemplateVersion
from veche.budgeting.services import FieldIn
from veche.budgeting.services.templates import current_version, draft_version
from veche.budgeting.tests.factories import DraftContestFactory, add_stages, add_template
from veche.events.models import Event
from veche.staff.models import StaffAuditLog


@pytest.fixture
def draft(world):
    contest = DraftContestFactory(municipality=world.surgut, stage="")
    add_stages(contest, (stages.APPLICATIONS,), start=timezone.now() + timedelta(days=3))
    return contest


def _fields(version):
    return list(version.fields.order_by("position").values("key", "kind", "label", "position"))


def test_a_contest_whose_template_has_no_fields_cannot_be_published(world, draft):
    with pytest.raises(ValidationError, match="нет полей"):
        services.contest_publish(user=world.surgut_admin, contest=draft)
    draft.refresh_from_db()
    assert draft.status == Contest.Status.DRAFT
    services.field_add(
        user=world.surgut_admin, contest=draft, spec=FieldIn(FieldKind.TEXT, "Название")
    )
    services.contest_publish(user=world.surgut_admin, contest=draft)
    assert current_version(draft).number == 1 and draft_version(draft) is None


def test_fields_are_added_in_order_with_stable_keys(world, draft):
    for kind, label in ((FieldKind.TEXT, "Название"), (FieldKind.MONEY, "Стоимость")):
        services.field_add(user=world.surgut_admin, contest=draft, spec=FieldIn(kind, label))
    assert [f["key"] for f in _fields(draft_version(draft))] == ["field-1", "field-2"]
    assert Event.objects.filter(kind="budgeting.contest_field_add").count() == 2
    assert StaffAuditLog.objects.filter(action="budgeting.contest_field_add").count() == 2


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        (FieldIn("poem", "Стих"), "kind"),
        (FieldIn(FieldKind.TEXT, "   "), "label"),
        (
            FieldIn(FieldKind.NUMBER, "Жителей", min_value=Decimal(10), max_value=Decimal(5)),
            "max_value",
        ),
        (FieldIn(FieldKind.TEXT, "Название", min_value=Decimal(1)), "min_value"),
        (FieldIn(FieldKind.LONG_TEXT, "Описание", max_length=0), "max_length"),
        (FieldIn(FieldKind.SINGLE_CHOICE, "Направление", choices=("Дворы",)), "choices"),
        (FieldIn(FieldKind.MULTIPLE_CHOICE, "Кому", choices=("Детям", "Детям")), "choices"),
        (FieldIn(FieldKind.FILE, "Смета", file_types=("exe",)), "file_types"),
        (FieldIn(FieldKind.FILE, "Смета", max_file_mb=500), "max_file_mb"),
        (FieldIn(FieldKind.TEXT, "Название", file_types=("pdf",)), "file_types"),
        (FieldIn(FieldKind.FILE, "Смета", evidence="horoscope"), "evidence"),
    ],
)
def test_bad_fields_are_refused_by_attribute_and_nothing_is_saved(world, draft, spec, field):
    with pytest.raises(ValidationError) as refused:
        services.field_add(user=world.surgut_admin, contest=draft, spec=spec)
    assert field in refused.value.message_dict
    assert not TemplateField.objects.exists() and not TemplateVersion.objects.exists()


def test_a_published_version_never_changes_editing_makes_a_new_one(world):
    contest = DraftContestFactory(municipality=world.surgut, stage="")
    first = add_template(contest, published=True)
    before = _fields(first)
    services.field_update(
        user=world.surgut_admin,
        contest=contest,
        key="field-1",
        spec=FieldIn(FieldKind.LONG_TEXT, "Описание проекта", required=True),
    )
    services.field_remove(user=world.surgut_admin, contest=contest, key="field-3")
    assert _fields(first) == before  # the published version is as it was
    second = draft_version(contest)
    assert second.number == 2 and second.copied_from == first
    assert [f["label"] for f in _fields(second)] == ["Описание проекта", "Стоимость проекта"]
    services.template_publish(user=world.surgut_admin, contest=contest)
    assert current_version(contest) == second and draft_version(contest) is None
    assert _fields(first) == before


def test_fields_move_up_and_down(world):
    contest = DraftContestFactory(municipality=world.surgut, stage="")
    add_template(contest, published=False)
    services.field_move(user=world.surgut_admin, contest=contest, key="field-3", up=True)
    assert [f["key"] for f in _fields(draft_version(contest))] == ["field-1", "field-3", "field-2"]
    services.field_move(user=world.surgut_admin, contest=contest, key="field-1", up=True)  # top
    assert [f["key"] for f in _fields(draft_version(contest))] == ["field-1", "field-3", "field-2"]


def test_a_template_is_copied_from_an_earlier_contest(world, draft):
    earlier = DraftContestFactory(municipality=world.surgut, stage="")
    source = add_template(earlier, published=True)
    copied = services.template_copy(user=world.surgut_admin, contest=draft, source=earlier)
    assert [f["label"] for f in _fields(copied)] == [f["label"] for f in _fields(source)]
    assert copied.copied_from == source


def test_an_admin_of_surgut_cannot_copy_urais_draft(world, draft):
    theirs = DraftContestFactory(municipality=world.urai, stage="")
    add_template(theirs, published=False)
    with pytest.raises(PermissionDenied):
        services.template_copy(user=world.surgut_admin, contest=draft, source=theirs)
    assert draft_version(draft) is None


def test_others_cannot_edit_the_template(world, draft):
    with pytest.raises(PermissionDenied):
        services.field_add(
            user=world.urai_admin, contest=draft, spec=FieldIn(FieldKind.TEXT, "Название")
        )
    assert not TemplateVersion.objects.exists()


def test_the_database_keeps_one_draft_per_contest(world, draft):
    from django.db import IntegrityError, transaction

    TemplateVersion.objects.create(contest=draft, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        TemplateVersion.objects.create(contest=draft, number=2)
