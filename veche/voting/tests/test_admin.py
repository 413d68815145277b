"""The admin edits a point through voting_point_update (rule and audit row); it adds and deletes
none (the staff pages add; a point is closed, not deleted)."""

from veche.accounts.tests.factories import UserFactory
from veche.staff.models import StaffAuditLog


def test_the_admin_change_goes_through_the_service(client, world):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = f"/admin/voting/votingpoint/{world.point.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "МФЦ Сургута",
            "address": "ул. Гагарина, 4",
            "note": "",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    world.point.refresh_from_db()
    assert world.point.address == "ул. Гагарина, 4" and not world.point.is_active
    assert StaffAuditLog.objects.get().action == "voting.point_update"
    assert client.get("/admin/voting/votingpoint/add/").status_code == 403
