"""The editors' open-government page: the territory's admin or content editor adds, changes and
removes a municipality's membership, each change audited; others are refused with nothing
written; a bad date is shown with 400."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from veche.content import services
from veche.content.models import OpenGovernmentMember
from veche.staff.models import StaffAuditLog

pytestmark = pytest.mark.django_db


def test_an_editor_adds_changes_and_removes_his_municipality(world, client):
    client.force_login(world.surgut_editor)
    page = client.get("/content/work/open-government/").content.decode()
    assert "Сургут" in page and "Урай" not in page
    added = client.post(
        f"/content/work/open-government/{world.surgut.pk}/",
        {"joined_on": "2016-03-01", "practices": "Прямые линии главы"},
    )
    assert added.status_code == 302
    member = OpenGovernmentMember.objects.get(municipality=world.surgut)
    assert member.joined_on == date(2016, 3, 1) and member.practices == "Прямые линии главы"
    client.post(
        f"/content/work/open-government/{world.surgut.pk}/",
        {"joined_on": "01.09.2017", "practices": "Инициативное бюджетирование"},
    )
    member.refresh_from_db()
    assert member.joined_on == date(2017, 9, 1)
    assert "Инициативное бюджетирование" in client.get("/open-government/").content.decode()
    client.post(f"/content/work/open-government/{world.surgut.pk}/remove/")
    assert not OpenGovernmentMember.objects.exists()
    actions = list(StaffAuditLog.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "content.open_government_add",
        "content.open_government_change",
        "content.open_government_remove",
    ]


def test_a_bad_date_is_shown_with_400_and_nothing_saved(world, client):
    client.force_login(world.surgut_admin)
    answer = client.post(
        f"/content/work/open-government/{world.surgut.pk}/", {"joined_on": "вчера"}
    )
    assert answer.status_code == 400 and 'aria-invalid="true"' in answer.content.decode()
    assert not OpenGovernmentMember.objects.exists()


@pytest.mark.parametrize("who", ["resident", "surgut_head", "urai_admin", "surgut_editor"])
def test_others_are_refused_and_nothing_changes(world, client, who):
    member = OpenGovernmentMember.objects.create(
        municipality=world.urai, joined_on=date(2016, 1, 1)
    )
    client.force_login(getattr(world, who))
    url = f"/content/work/open-government/{world.urai.pk}/"
    if who != "urai_admin":
        assert client.get(url).status_code == 403
        assert client.post(url, {"joined_on": "2020-01-01"}).status_code == 403
        assert client.post(f"{url}remove/").status_code == 403
        with pytest.raises(PermissionDenied):
            services.member_remove(actor=getattr(world, who), member=member)
    else:
        assert client.get(url).status_code == 200
    member.refresh_from_db()
    assert member.joined_on == date(2016, 1, 1)
    assert not StaffAuditLog.objects.exists()


def test_the_regional_admin_keeps_every_municipality(world, client):
    client.force_login(world.regional_admin)
    page = client.get("/content/work/open-government/").content.decode()
    assert "Сургут" in page and "Урай" in page
