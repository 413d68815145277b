"""realized.change_project as a matrix: who keeps a Surgut project and an Urai project; a
refusal changes nothing."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from veche.realized.models import Project
from veche.realized.services import ProjectIn, project_update, refund_record

from .factories import ProjectFactory

#        role                surgut  urai
MATRIX = [
    ("anonymous", False, False),
    ("resident", False, False),
    ("surgut_moderator", False, False),
    ("surgut_admin", True, False),
    ("urai_admin", False, True),
    ("regional_admin", True, True),
]


def _user(world, role):
    return AnonymousUser() if role == "anonymous" else getattr(world, role)


@pytest.mark.parametrize(("role", "surgut", "urai"), MATRIX)
def test_who_keeps_which_project(world, role, surgut, urai):
    user = _user(world, role)
    assert (
        user.has_perm("realized.change_project", ProjectFactory(municipality=world.surgut))
        is surgut
    )
    assert user.has_perm("realized.change_project", ProjectFactory(municipality=world.urai)) is urai
    keeps_any = surgut or urai
    assert user.has_perm("realized.import_projects") is keeps_any
    assert user.has_perm("realized.view_completeness") is keeps_any


def test_a_surgut_admin_cannot_edit_an_urai_project(world):
    project = ProjectFactory(municipality=world.urai, name="Каток")
    before = list(Project.objects.values())
    data = ProjectIn(
        name="Каток (исправлено)", municipality=world.urai, year=2021, direction="sport"
    )
    with pytest.raises(PermissionDenied):
        project_update(user=world.surgut_admin, project=project, data=data)
    with pytest.raises(PermissionDenied):
        refund_record(user=world.surgut_admin, project=project, residents=Decimal(1), sponsors=0)
    assert list(Project.objects.values()) == before


def test_a_surgut_admin_cannot_move_his_project_to_urai(world):
    project = ProjectFactory(municipality=world.surgut, name="Сквер")
    data = ProjectIn(name="Сквер", municipality=world.urai, year=2021, direction="yards")
    with pytest.raises(PermissionDenied):
        project_update(user=world.surgut_admin, project=project, data=data)
    project.refresh_from_db()
    assert project.municipality == world.surgut
