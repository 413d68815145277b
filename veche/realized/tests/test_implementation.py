"""A winning application moves to implementation (the seam the winner rule calls), gets progress
updates with photos, and ends implemented or not carried out; each step a timeline entry, an
event, an audit row and the applicants' notices."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from veche.events.models import Event
from veche.realized.models import Project
from veche.realized.services import (
    implementation_abandon,
    implementation_finish,
    implementation_start,
    progress_add,
)
from veche.staff.models import StaffAuditLog

from .factories import winner_application


def photo(name="p.png"):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def test_a_non_winner_does_not_move_to_implementation(world):
    application = winner_application(world, status="admitted")
    with pytest.raises(ValidationError):
        implementation_start(user=world.surgut_admin, application=application)
    assert not Project.objects.exists()


def test_a_winner_moves_to_implementation_once(world, django_capture_on_commit_callbacks):
    application = winner_application(world)
    project = implementation_start(
        user=world.surgut_admin, application=application, direction="yards"
    )
    assert project.status == "in_implementation"
    assert project.application == application
    assert project.municipality == world.surgut
    assert project.amount_sponsors == Decimal("100000")
    assert project.total == application.cost
    assert project.updates.get().kind == "started"
    assert Event.objects.filter(kind="realized.project_started").count() == 1
    assert StaffAuditLog.objects.filter(action="realized.project_started").count() == 1
    again = implementation_start(user=world.surgut_admin, application=application)
    assert again.pk == project.pk
    assert Project.objects.count() == 1


def test_an_urai_admin_cannot_start_a_surgut_project(world):
    with pytest.raises(PermissionDenied):
        implementation_start(user=world.urai_admin, application=winner_application(world))
    assert not Project.objects.exists()


def test_progress_finish_and_photos(world):
    project = implementation_start(user=world.surgut_admin, application=winner_application(world))
    progress_add(
        user=world.surgut_admin,
        project=project,
        text="Завезли плитку",
        photos=[photo()],
        stage="before",
    )
    with pytest.raises(PermissionDenied):
        progress_add(user=world.urai_admin, project=project, text="Чужой", photos=[])
    implementation_finish(
        user=world.surgut_admin,
        project=project,
        text="Сквер открыт",
        photos=[photo(), photo()],
        left_residents=Decimal("2000"),
    )
    project.refresh_from_db()
    assert project.status == "implemented"
    assert project.refund_residents == Decimal("2000")
    assert [u.kind for u in project.updates.order_by("pk")] == [
        "started",
        "progress",
        "implemented",
    ]
    assert sorted(project.photos.values_list("stage", flat=True)) == ["after", "after", "before"]
    with pytest.raises(ValidationError):
        progress_add(user=world.surgut_admin, project=project, text="После", photos=[])
    from veche.notifications.models import Notification

    assert Notification.objects.filter(user=world.resident).count() == 3


def test_notices_reach_the_group(world):
    from veche.notifications.models import Notification
    from veche.realized.notices import deliver

    project = implementation_start(user=world.surgut_admin, application=winner_application(world))
    entry = project.updates.get()
    notice = Notification.objects.get(user=world.resident)
    assert notice.link == project.get_absolute_url()
    # A retried task tells nobody twice.
    assert deliver(kind="started", project_id=project.pk, update_id=entry.pk) == 0


def test_a_project_not_carried_out_owes_back_residents_and_sponsors(world):
    project = implementation_start(user=world.surgut_admin, application=winner_application(world))
    with pytest.raises(ValidationError):
        implementation_abandon(user=world.surgut_admin, project=project, reason="  ")
    implementation_abandon(user=world.surgut_admin, project=project, reason="Подрядчик не найден")
    project.refresh_from_db()
    assert project.status == "not_carried_out"
    assert (project.refund_residents, project.refund_sponsors) == (
        Decimal("100000"),
        Decimal("100000"),
    )


def test_the_application_follows_its_project_to_implemented(world):
    application = winner_application(world)
    project = implementation_start(user=world.surgut_admin, application=application)
    application.refresh_from_db()
    assert application.status == "in_implementation"
    implementation_finish(user=world.surgut_admin, project=project, text="Сквер открыт")
    application.refresh_from_db()
    assert application.status == "implemented"
    steps = list(application.timeline.values_list("status", flat=True))
    assert steps[-2:] == ["in_implementation", "implemented"]
