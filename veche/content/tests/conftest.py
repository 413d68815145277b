"""A small world for the content tests: Surgut and Urai, their admins, a regional admin, an
editor of Surgut, a head (who changes nothing) and a resident."""

from types import SimpleNamespace

import pytest

from veche.accounts.tests.factories import UserFactory
from veche.content.models import ContentEditor
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory


def _staff(role, **scope):
    return RoleAssignmentFactory(role=role, **scope).user


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    region = RegionFactory()
    surgut = MunicipalityFactory(region=region, name="Сургут")
    urai = MunicipalityFactory(region=region, name="Урай")
    editor = UserFactory(first_name="Ольга", last_name="Редакторова")
    ContentEditor.objects.create(user=editor, municipality=surgut)
    return SimpleNamespace(
        region=region,
        surgut=surgut,
        urai=urai,
        resident=UserFactory(first_name="Анна", last_name="Петрова"),
        surgut_admin=_staff(Role.MUNICIPAL_ADMIN, municipality=surgut),
        urai_admin=_staff(Role.MUNICIPAL_ADMIN, municipality=urai),
        surgut_head=_staff(Role.MUNICIPAL_HEAD, municipality=surgut),
        regional_admin=RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user,
        surgut_editor=editor,
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()
