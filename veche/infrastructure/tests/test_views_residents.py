"""The residents' pages: the object's «report a problem here» link to the filing form with the
object preselected and its category's topics first, rating on the page, the proposal form, the
proposals' support, the staff's files (403 for another territory), the on-time page, feeds."""

import io

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from veche.infrastructure.models import (
    FacilityPhoto,
    HistoryEntry,
    Proposal,
    Rating,
    Status,
)
from veche.infrastructure.services import facility_update
from veche.reports.models import Report
from veche.reports.tests.factories import TopicFactory
from veche.staff.models import StaffAuditLog

from .factories import FacilityFactory


def jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_the_object_page_links_to_the_filing_form_with_the_object(client, world):
    facility = FacilityFactory(municipality=world.surgut, category=world.roads)
    own = TopicFactory(name="Яма на дороге объекта")
    other = TopicFactory(name="Другая тема")
    world.roads.report_topics.add(own)
    page = client.get(facility.get_absolute_url()).content.decode()
    link = f"{reverse('reports:new')}?subject=infrastructure.facility%3A{facility.pk}"
    assert link in page
    client.force_login(world.resident)
    form = client.get(link).content.decode()
    assert f'value="infrastructure.facility:{facility.pk}"' in form
    assert facility.name in form
    # The category's topic is offered first, in its own group, before the whole catalogue.
    assert form.index("Яма на дороге объекта") < form.index("Другая тема")
    assert other.pk


def test_a_report_filed_from_the_object_refers_to_it(client, world):
    facility = FacilityFactory(municipality=world.surgut, category=world.roads)
    topic = TopicFactory()
    client.force_login(world.resident)
    response = client.post(
        reverse("reports:new"),
        {
            "topic": topic.pk,
            "text": "Провал асфальта у въезда",
            "lat": str(facility.lat),
            "lon": str(facility.lon),
            "subject": f"infrastructure.facility:{facility.pk}",
            "client_token": "t1",
            "file_anyway": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = Report.objects.get()
    assert (report.subject_kind, report.subject_id) == ("infrastructure.facility", facility.pk)


def test_rating_on_the_page_counts_once(client, world):
    facility = FacilityFactory(municipality=world.surgut, status=Status.COMPLETED, progress=100)
    client.force_login(world.resident)
    url = reverse("infrastructure:rate", args=[facility.pk])
    client.post(url, {"score": "3"})
    client.post(url, {"score": "5", "comment": "Отлично"})
    assert list(Rating.objects.values_list("score", flat=True)) == [5]
    page = client.get(facility.get_absolute_url()).content.decode()
    assert "rating-form" in page


def test_rating_works_in_progress_is_refused_with_a_message(client, world):
    facility = FacilityFactory(municipality=world.surgut, status=Status.IN_PROGRESS)
    client.force_login(world.resident)
    response = client.post(
        reverse("infrastructure:rate", args=[facility.pk]), {"score": "4"}, follow=True
    )
    assert not Rating.objects.exists()
    assert "Оценить можно только завершённые работы." in response.content.decode()


def test_the_proposal_form_files_a_proposal(client, world):
    client.force_login(world.resident)
    url = reverse("infrastructure:proposal_new")
    assert client.get(url).status_code == 200
    data = {
        "title": "Пешеходный переход",
        "category": world.roads.pk,
        "reason": "Нет перехода у школы",
        "lat": str(world.surgut.centre_lat),
        "lon": str(world.surgut.centre_lon),
    }
    response = client.post(url, data)
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert response["Location"] == proposal.get_absolute_url()
    # The same point and category again: refused with the reason, nothing written.
    again = client.post(url, data)
    assert again.status_code == 400
    assert "уже предлагали" in again.content.decode()
    assert Proposal.objects.count() == 1


def test_a_guest_proposing_is_sent_to_log_in(client):
    response = client.get(reverse("infrastructure:proposal_new"))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_staff_upload_photos_another_territorys_admin_gets_403(client, world):
    facility = FacilityFactory(municipality=world.surgut)
    url = reverse("infrastructure:files", args=[facility.pk])
    client.force_login(world.urai_admin)
    assert client.get(url).status_code == 403
    assert client.post(url, {"photos": jpeg()}).status_code == 403
    assert not FacilityPhoto.objects.exists()
    client.force_login(world.surgut_admin)
    response = client.post(url, {"photos": jpeg(), "caption": "Вид с улицы"})
    assert response.status_code == 302
    assert FacilityPhoto.objects.filter(facility=facility, caption="Вид с улицы").count() == 1
    assert StaffAuditLog.objects.filter(action="infrastructure.files_add").count() == 1


def test_the_on_time_page(client, world):
    facility = FacilityFactory(municipality=world.surgut, contractor="СтройМост")
    assert facility.pk
    assert client.get(reverse("infrastructure:on_time")).status_code == 200


def test_status_feeds_parse(client, world):
    facility = FacilityFactory(municipality=world.surgut, name="Мост через Саймu")
    other = FacilityFactory(municipality=world.urai, name="Школа в Урае")
    facility_update(user=world.regional_admin, facility=facility, status=Status.COMPLETED)
    facility_update(user=world.regional_admin, facility=other, status=Status.SUSPENDED)
    facility_update(user=world.regional_admin, facility=other, progress=30)  # not a status
    assert HistoryEntry.objects.count() == 3
    rss = feedparser.parse(client.get(reverse("infrastructure:feed_rss")).content)
    assert len(rss.entries) == 2
    assert rss.entries[0].title.startswith("Школа в Урае")
    surgut = client.get(reverse("infrastructure:feed_atom"), {"municipality": world.surgut.pk})
    atom = feedparser.parse(surgut.content)
    assert atom.version == "atom10"
    assert [entry.title.split(":")[0] for entry in atom.entries] == ["Мост через Саймu"]
    assert client.get(reverse("infrastructure:feed_rss"), {"municipality": "x"}).status_code == 404


@pytest.mark.parametrize("name", ["proposals", "on_time"])
def test_public_pages_answer(client, world, name):
    assert client.get(reverse(f"infrastructure:{name}")).status_code == 200


def test_putting_to_the_vote_and_voting_on_the_page(client, world):
    from veche.accounts.tests.factories import UserFactory
    from veche.territory.tests.factories import SettlementFactory

    facility = FacilityFactory(municipality=world.surgut, status=Status.PLANNED)
    url = reverse("infrastructure:vote_open", args=[facility.pk])
    client.force_login(world.urai_admin)
    assert client.get(url).status_code == 403
    client.force_login(world.surgut_admin)
    data = {"vote_opens": "01.01.2020 00:00", "vote_closes": "01.01.2099 00:00"}
    assert client.post(url, data).status_code == 302
    voter = UserFactory(settlement=SettlementFactory(municipality=world.surgut))
    client.force_login(voter)
    page = client.get(facility.get_absolute_url()).content.decode()
    assert reverse("infrastructure:vote", args=[facility.pk]) in page
    client.post(reverse("infrastructure:vote", args=[facility.pk]))
    client.post(reverse("infrastructure:vote", args=[facility.pk]))
    facility.refresh_from_db()
    assert facility.vote_count == 1


def test_a_vote_is_taken_back_on_the_page_while_open(client, world):
    import datetime

    from django.utils import timezone

    from veche.accounts.tests.factories import UserFactory
    from veche.infrastructure.models import Facility
    from veche.territory.tests.factories import SettlementFactory

    facility = FacilityFactory(municipality=world.surgut, status=Status.PLANNED)
    now = timezone.now()
    Facility.objects.filter(pk=facility.pk).update(
        vote_opens=now - datetime.timedelta(days=1), vote_closes=now + datetime.timedelta(days=5)
    )
    client.force_login(UserFactory(settlement=SettlementFactory(municipality=world.surgut)))
    url = reverse("infrastructure:vote", args=[facility.pk])
    client.post(url)
    assert "Отозвать мой голос" in client.get(facility.get_absolute_url()).content.decode()
    page = client.post(url, {"withdraw": "1"}, follow=True).content.decode()
    assert "Ваш голос отозван" in page
    facility.refresh_from_db()
    assert facility.vote_count == 0 == facility.votes.count()
    client.post(url)
    Facility.objects.filter(pk=facility.pk).update(vote_closes=now - datetime.timedelta(hours=1))
    assert "Отозвать мой голос" not in client.get(facility.get_absolute_url()).content.decode()
    closed = client.post(url, {"withdraw": "1"}, follow=True).content.decode()
    assert "закрыто" in closed
    facility.refresh_from_db()
    assert facility.vote_count == 1
