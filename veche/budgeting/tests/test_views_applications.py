"""The resident's flow through the pages with plain posts (no JavaScript): a group, an
invitation accepted, an application filled with a file and a point, submitted, returned for
revision with a remark, corrected, resubmitted and admitted; then public."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from veche.accounts.tests.factories import UserFactory
from veche.budgeting.models import Application, FieldKind, GroupInvitation, InitiativeGroup
from veche.budgeting.tests.factories import ContestFactory, add_template
from veche.media.tests.files import pdf


@pytest.fixture
def contest(world):
    made = ContestFactory(municipality=world.surgut)
    version = add_template(made)
    version.fields.create(
        key="field-4", kind=FieldKind.LOCATION, label="Место", required=True, position=4
    )
    return made


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _fill(client, application, **extra):
    data = {
        "title": application.title,
        "answer-field-1": "Двор на Ленина, 5",
        "answer-field-2": "1000000",
        "answer-field-3": SimpleUploadedFile("protocol.pdf", pdf(), content_type="application/pdf"),
        "answer-field-4": "61.2540, 73.3962",
        "cost": "1000000",
        "amount_residents": "100000",
        "amount_municipality": "900000",
        "amount_region": "0",
        "amount_businesses": "0",
        "amount_in_kind": "0",
        **extra,
    }
    return client.post(reverse("budgeting:application_edit", args=[application.pk]), data)


def test_the_whole_flow_without_javascript(world, contest, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    leader = _login(world.resident)
    response = leader.post(
        reverse("budgeting:group_new"),
        {"name": "Двор на Ленина, 5", "municipality": world.surgut.pk},
    )
    group = InitiativeGroup.objects.get()
    assert response.status_code == 302 and group.leader == world.resident
    leader.post(reverse("budgeting:group_invite", args=[group.pk]), {"email": ""})
    token = GroupInvitation.objects.get().token
    assert Client().get(reverse("budgeting:invitation", args=[token])).status_code == 200
    neighbour = UserFactory()
    _login(neighbour).post(reverse("budgeting:invitation", args=[token]))
    assert group.members.count() == 2

    leader.post(
        reverse("budgeting:group_apply", args=[group.pk]),
        {"contest": contest.pk, "title": "Новый двор"},
    )
    application = Application.objects.get()
    assert (
        leader.get(reverse("budgeting:application_edit", args=[application.pk])).status_code == 200
    )
    response = _fill(leader, application, submit="1")
    assert response.status_code == 302, response.context["form"].errors
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.answers["field-4"] == {"lat": 61.254, "lon": 73.3962}

    organizer = _login(world.surgut_admin)
    assert organizer.get(reverse("budgeting:review", args=[contest.pk])).status_code == 200
    organizer.post(
        reverse("budgeting:application_revision", args=[application.pk]),
        {"remark-field-1": "Уточните адрес.", "days": "5"},
    )
    application.refresh_from_db()
    assert application.status == Application.Status.REVISION
    page = leader.get(application.get_absolute_url()).content.decode()
    assert "Уточните адрес." in page

    response = _fill(leader, application, submit="1", **{"answer-field-1": "Ленина, 5, двор"})
    assert response.status_code == 302
    assert (
        leader.get(reverse("budgeting:application_revisions", args=[application.pk])).status_code
        == 200
    )
    organizer.post(reverse("budgeting:application_admit", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == Application.Status.ADMITTED
    assert Client().get(application.get_absolute_url()).status_code == 200


def test_a_bad_answer_comes_back_on_its_field(world, contest, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from veche.budgeting.services.applications import application_start
    from veche.budgeting.tests.factories import add_group

    group = add_group(world.resident, world.surgut)
    application = application_start(
        user=world.resident, contest=contest, kind="group", group=group, title="Двор"
    )
    client = _login(world.resident)
    response = _fill(client, application, **{"answer-field-4": "где-то у реки"})
    assert response.status_code == 400
    assert "answer-field-4" in response.context["form"].errors
    application.refresh_from_db()
    assert application.answers == {} and not application.files.exists()


def test_a_draft_is_private_and_others_cannot_see_the_queue(world, contest, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from veche.budgeting.services.applications import application_start
    from veche.budgeting.tests.factories import add_group

    group = add_group(world.resident, world.surgut)
    application = application_start(
        user=world.resident, contest=contest, kind="group", group=group, title="Двор"
    )
    assert Client().get(application.get_absolute_url()).status_code == 404
    assert _login(world.urai_admin).get(application.get_absolute_url()).status_code == 404
    assert (
        _login(world.urai_admin).get(reverse("budgeting:review", args=[contest.pk])).status_code
        == 403
    )


def test_files_of_an_admitted_application_stay_private(world, contest, settings, tmp_path):
    """Signature sheets and consents hold personal data: the public page names no file and
    the download answers 404 to anyone but the applicants, reviewers and organizers."""
    settings.MEDIA_ROOT = tmp_path
    from veche.budgeting.services.applications import application_start
    from veche.budgeting.tests.factories import add_group

    group = add_group(world.resident, world.surgut)
    application = application_start(
        user=world.resident, contest=contest, kind="group", group=group, title="Двор"
    )
    leader = _login(world.resident)
    _fill(leader, application, submit="1")
    _login(world.surgut_admin).post(reverse("budgeting:application_admit", args=[application.pk]))
    stored = application.files.get()
    download = reverse("budgeting:application_file", args=[stored.pk])
    assert leader.get(download).status_code == 200
    for outsider in (Client(), _login(UserFactory())):
        assert outsider.get(download).status_code == 404
        assert download not in outsider.get(application.get_absolute_url()).content.decode()
    api = Client().get(f"/api/v1/budgeting/applications/{application.pk}").json()
    assert all(answer["file_url"] is None for answer in api["answers"])
    mine = leader.get(f"/api/v1/budgeting/applications/{application.pk}").json()
    assert any(answer["file_url"] == download for answer in mine["answers"])


def test_invitations_are_rate_limited(world, settings):
    from veche.budgeting.tests.factories import add_group

    settings.RATE_LIMIT_BUDGETING_INVITE = "2/3600"
    group = add_group(world.resident, world.surgut)
    client = _login(world.resident)
    url = reverse("budgeting:group_invite", args=[group.pk])
    for n in range(2):
        assert client.post(url, {"email": f"n{n}@example.org"}).status_code == 302
    assert client.post(url, {"email": "n9@example.org"}).status_code == 400
    assert GroupInvitation.objects.count() == 2


def test_the_staff_dashboard_shows_the_contests_waiting_for_review(world, contest):
    from django.utils import timezone

    from veche.budgeting.tests.factories import add_group

    group = add_group(world.resident, world.surgut)
    Application.objects.create(
        contest=contest,
        version=contest.template_versions.get(),
        kind="group",
        group=group,
        municipality=world.surgut,
        author=world.resident,
        title="Двор",
        status="submitted",
        submitted_at=timezone.now(),
    )
    page = _login(world.surgut_admin).get(reverse("staff:dashboard")).content.decode()
    assert reverse("budgeting:review", args=[contest.pk]) in page
    page = _login(world.urai_admin).get(reverse("staff:dashboard")).content.decode()
    assert reverse("budgeting:review", args=[contest.pk]) not in page


def test_the_queue_exports_as_csv_and_xlsx_without_personal_data(world, contest):
    from django.utils import timezone

    from veche.budgeting.tests.factories import add_group

    group = add_group(world.resident, world.surgut)
    Application.objects.create(
        contest=contest,
        version=contest.template_versions.get(),
        kind="group",
        group=group,
        municipality=world.surgut,
        author=world.resident,
        title="Двор на Ленина",
        status="submitted",
        submitted_at=timezone.now(),
        answers={"field-1": "секрет"},
    )
    client = _login(world.surgut_admin)
    csv = b"".join(client.get(reverse("budgeting:review_export", args=[contest.pk, "csv"])))
    text = csv.decode("utf-8-sig")
    assert "Двор на Ленина" in text and group.name in text
    assert "секрет" not in text and world.resident.email not in text
    xlsx = client.get(reverse("budgeting:review_export", args=[contest.pk, "xlsx"]))
    assert xlsx.status_code == 200
    assert client.get(f"/budgeting/{contest.pk}/review/applications.pdf").status_code == 404
    outsider = _login(world.urai_admin)
    assert (
        outsider.get(reverse("budgeting:review_export", args=[contest.pk, "csv"])).status_code
        == 403
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("", "village"), ("61.2540, 73.3962", {"lat": 61.254, "lon": 73.3962})],
    ids=["settlement", "coordinates-win"],
)
def test_a_point_is_a_settlements_centre_without_coordinates(
    world, contest, settings, tmp_path, typed, expected
):
    from veche.budgeting.services.applications import application_start
    from veche.budgeting.tests.factories import add_group
    from veche.territory.tests.factories import SettlementFactory

    settings.MEDIA_ROOT = tmp_path
    village = SettlementFactory(
        municipality=world.surgut, name="Солнечный", centre_lat=61.3, centre_lon=73.1
    )
    elsewhere = SettlementFactory(municipality=world.urai, name="Шаим")
    group = add_group(world.resident, world.surgut)
    application = application_start(
        user=world.resident, contest=contest, kind="group", group=group, title="Двор"
    )
    leader = _login(world.resident)
    form = leader.get(reverse("budgeting:application_edit", args=[application.pk])).content
    # Only the application's municipality's settlements are offered.
    assert "Солнечный" in form.decode() and "Шаим" not in form.decode()
    response = _fill(
        leader,
        application,
        **{"answer-field-4": typed, "answer-field-4-settlement": str(village.pk)},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    if expected == "village":
        expected = {"lat": 61.3, "lon": 73.1}
    assert application.answers["field-4"] == expected
    # A settlement of another municipality is not a choice.
    response = _fill(
        leader, application, **{"answer-field-4": "", "answer-field-4-settlement": elsewhere.pk}
    )
    assert response.status_code == 400
