"""Filing a report through the web form: with photos, by settlement and address without
JavaScript, errors in Russian with nothing written, retries, and the nearby reports step."""

import io

import pytest
from django.core.management import call_command

from veche.reports.models import PendingPhoto, Report, ReportMedia, Status
from veche.reports.services.pending import PENDING_TTL, pending_photos_expire
from veche.reports.tests.factories import RoutedReportFactory, TopicAttributeFactory
from veche.reports.tests.images import (
    GPS_IFD,
    MAKE,
    exif_of,
    fake_jpeg,
    jpeg_with_gps,
    mp4_with_gps,
)
from veche.territory.tests.factories import PlaceFactory, SettlementFactory

pytestmark = pytest.mark.django_db

URL = "/reports/new/"


def form_data(world, **changes) -> dict:
    data = {
        "topic": world.topic.pk,
        "text": "Глубокая яма на проезжей части у дома 5",
        "lat": f"{world.surgut.centre_lat}",
        "lon": f"{world.surgut.centre_lon}",
        "settlement": "",
        "address": "ул. Ленина, 5",
        "client_token": "token-1",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def author_client(client, world):
    client.force_login(world.author)
    return client


def test_a_guest_is_told_why_to_log_in_and_sent_back_to_the_form(client, world):
    response = client.get(URL + "?topic=3")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Войдите, чтобы подать сообщение." in html
    assert 'href="/accounts/login/?next=/reports/new/%3Ftopic%3D3"' in html
    assert 'href="/accounts/register/"' in html
    assert 'id="report-form"' not in html


def test_a_guest_cannot_post_a_report(client, world):
    response = client.post(URL, form_data(world))
    assert "Войдите, чтобы подать сообщение." in response.content.decode()
    assert not Report.objects.exists()


def test_the_map_starts_at_the_residents_settlement(client, world):
    town = SettlementFactory(municipality=world.surgut)
    world.author.settlement = town
    world.author.save()
    client.force_login(world.author)
    html = client.get(URL).content.decode()
    box = f"{town.min_lat},{town.min_lon},{town.max_lat},{town.max_lon}"
    assert f'data-bounds="{box}"' in html


def test_the_photo_help_says_how_many_before_any_error(author_client, world):
    html = author_client.get(URL).content.decode()
    assert "До 10 фотографий" in html


def test_the_street_search_without_javascript_lists_links_that_set_the_point(author_client, world):
    town = SettlementFactory(municipality=world.surgut, name="Сургут")
    street = PlaceFactory(settlement=town, name="улица Семёна Билецкого", lat=61.25, lon=73.4)
    html = author_client.get(URL, {"place": "билец"}).content.decode()
    assert "улица Семёна Билецкого" in html
    link = "/reports/new/?lat=61.25&amp;lon=73.4&amp;address=%D0%A1%D1%83%D1%80"
    assert link in html
    # Following the link fills the point and the address.
    html = author_client.get(URL, {"lat": street.lat, "lon": street.lon, "address": "Сургут, x"})
    html = html.content.decode()
    assert 'value="61.25"' in html and 'value="Сургут, x"' in html


def test_a_search_with_no_match_says_so_and_what_to_try(author_client, world):
    response = author_client.get("/reports/new/places/", {"place": "Несуществующая"})
    html = response.content.decode()
    assert "По запросу «Несуществующая» ничего не найдено." in html
    assert "place-match" not in html


def test_an_unconfirmed_resident_is_told_why_and_offered_the_link_again(client, world):
    client.force_login(world.unconfirmed)
    response = client.get(URL)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Подтвердите адрес электронной почты, чтобы подать сообщение." in html
    assert 'action="/accounts/confirm/resend/mine/"' in html
    assert client.post(URL, form_data(world)).status_code == 403
    assert not Report.objects.exists()


def test_the_blank_form_groups_topics_by_category_and_carries_a_fresh_token(author_client, world):
    first = author_client.get(URL)
    second = author_client.get(URL)
    html = first.content.decode()
    assert f'<optgroup label="{world.topic.category.name}">' in html
    assert 'type="file" name="photos"' in html and "multiple" in html and 'accept="image/*"' in html
    tokens = {r.context["form"]["client_token"].value() for r in (first, second)}
    assert len(tokens) == 2 and all(len(token) == 32 for token in tokens)


def test_a_resident_files_a_report_with_two_photos_and_their_metadata_is_gone(author_client, world):
    photos = [jpeg_with_gps("first.jpg"), jpeg_with_gps("second.jpg")]
    assert GPS_IFD in exif_of(photos[0].read())
    photos[0].seek(0)
    response = author_client.post(URL, form_data(world, photos=photos), follow=True)

    report = Report.objects.get()
    assert response.redirect_chain == [(f"/reports/{report.pk}/", 302)]
    assert f"Сообщение № {report.pk} подано" in response.content.decode()
    assert (report.author, report.status, report.channel) == (world.author, Status.SUBMITTED, "web")
    assert report.municipality == world.surgut
    assert report.address == "ул. Ленина, 5"
    media = list(report.media.all())
    assert [m.kind for m in media] == [ReportMedia.Kind.PHOTO] * 2
    for item in media:
        item.file.open()
        exif = exif_of(item.file.read())
        assert GPS_IFD not in exif and MAKE not in exif


def test_a_video_is_filed_with_the_photos(author_client, world):
    video = mp4_with_gps()
    author_client.post(URL, form_data(world, photos=[jpeg_with_gps()], video=video))
    kinds = sorted(Report.objects.get().media.values_list("kind", flat=True))
    assert kinds == ["photo", "video"]


def test_without_javascript_a_settlement_and_an_address_place_the_report(author_client, world):
    village = SettlementFactory(municipality=world.urai, name="Половинка")
    data = form_data(world, lat="", lon="", settlement=village.pk, address="ул. Школьная, 3")
    response = author_client.post(URL, data)
    report = Report.objects.get()
    assert response.status_code == 302
    assert (report.lat, report.lon) == (village.centre_lat, village.centre_lon)
    assert (report.municipality, report.settlement) == (world.urai, village)
    assert report.address == "ул. Школьная, 3"


def test_typed_coordinates_may_use_a_decimal_comma(author_client, world):
    lat = f"{world.surgut.centre_lat + 0.01}".replace(".", ",")
    author_client.post(URL, form_data(world, lat=lat))
    assert Report.objects.get().lat == pytest.approx(world.surgut.centre_lat + 0.01)


def test_errors_are_russian_linked_to_their_fields_and_nothing_is_written(author_client, world):
    response = author_client.post(
        URL, form_data(world, text="", lat="", lon="", photos=[fake_jpeg("virus.jpg")])
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Исправьте, пожалуйста, следующее" in html
    assert '<a href="#id_text">Описание проблемы: Опишите проблему.</a>' in html
    assert '<a href="#id_lat">Широта: Укажите место на карте или адресом.</a>' in html
    assert 'aria-describedby="id_text_helptext id_text_error"' in html
    assert 'id="id_text_error"' in html
    assert not Report.objects.exists() and not ReportMedia.objects.exists()


def test_the_services_refusal_of_a_photo_lands_on_the_photo_field(author_client, world):
    response = author_client.post(URL, form_data(world, photos=[fake_jpeg("virus.jpg")]))
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["photos"] == [
        "«virus.jpg» — не фотография (JPEG, PNG, WebP) и не видео (MP4, WebM)."
    ]
    assert not Report.objects.exists()


def test_a_point_outside_the_region_is_refused_on_the_coordinates(author_client, world):
    response = author_client.post(URL, form_data(world, lat="10", lon="10"))
    assert response.status_code == 400
    assert response.context["form"].errors["lat"] == ["Это место находится за пределами региона."]


def test_a_settlement_without_an_address_asks_for_the_address(author_client, world):
    village = SettlementFactory(municipality=world.surgut)
    response = author_client.post(
        URL, form_data(world, lat="", lon="", settlement=village.pk, address="")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["address"] == [
        "Без координат укажите улицу и дом или ориентир."
    ]
    assert not Report.objects.exists()


def test_only_the_chosen_topics_required_question_must_be_answered(author_client, world):
    question = TopicAttributeFactory(topic=world.topic, code="where")
    other = TopicAttributeFactory(description="Вопрос другой темы")
    name = f"attr-{world.topic.pk}-where"
    html = author_client.get(URL).content.decode()
    assert f'name="{name}"' in html and f'name="attr-{other.topic_id}-{other.code}"' in html

    response = author_client.post(URL, form_data(world))
    assert response.status_code == 400
    assert response.context["form"].errors[name] == [
        f"Ответьте на вопрос «{question.description}»."
    ]

    author_client.post(URL, form_data(world, **{name: "walk"}))
    assert Report.objects.get().attributes == {"where": "walk"}


def test_a_retried_submission_with_the_same_token_files_one_report(author_client, world):
    first = author_client.post(URL, form_data(world, client_token="same-token"))
    second = author_client.post(URL, form_data(world, client_token="same-token"))
    report = Report.objects.get()
    assert first["Location"] == second["Location"] == f"/reports/{report.pk}/"


def test_nearby_open_reports_of_the_topic_are_listed_while_writing(client, world):
    near = RoutedReportFactory(topic=world.topic, municipality=world.surgut, support_count=3)
    RoutedReportFactory(  # the same topic, 1 km away
        topic=world.topic,
        municipality=world.surgut,
        lat=world.surgut.centre_lat + 0.01,
    )
    RoutedReportFactory(municipality=world.surgut)  # another topic at the same point
    query = {"topic": world.topic.pk, "lat": near.lat, "lon": near.lon}
    response = client.get("/reports/nearby/", query)
    assert [r.pk for r in response.context["nearby"]] == [near.pk]
    html = response.content.decode()
    assert f'action="/reports/{near.pk}/support/"' in html
    assert f'name="nearby_seen" form="report-form" value="{near.pk}"' in html
    assert client.get("/reports/nearby/", {"topic": world.topic.pk}).content.strip() == b""


def test_without_javascript_similar_reports_come_as_a_step_before_filing(author_client, world):
    near = RoutedReportFactory(topic=world.topic, municipality=world.surgut)
    response = author_client.post(URL, form_data(world, photos=[jpeg_with_gps()]))
    assert response.status_code == 200
    assert not Report.objects.filter(author=world.author).exists()
    html = response.content.decode()
    assert "Рядом уже есть похожие сообщения" in html
    assert "Фотографии, которые вы уже выбрали" in html
    assert f'action="/reports/{near.pk}/support/"' in html
    assert 'name="file_anyway"' in html and 'name="nearby_seen"' not in html

    response = author_client.post(URL, form_data(world, file_anyway="on"))
    assert response.status_code == 302
    report = Report.objects.get(author=world.author)
    assert report.media.count() == 1  # the photo chosen on the first step


def test_reports_already_shown_while_writing_do_not_stop_the_filing(author_client, world):
    near = RoutedReportFactory(topic=world.topic, municipality=world.surgut)
    response = author_client.post(URL, form_data(world, nearby_seen=str(near.pk)))
    assert response.status_code == 302
    assert Report.objects.filter(author=world.author).count() == 1


def test_supporting_a_nearby_report_instead_files_nothing(author_client, world):
    near = RoutedReportFactory(topic=world.topic, municipality=world.surgut)
    response = author_client.post(f"/reports/{near.pk}/support/")
    assert response["Location"] == f"/reports/{near.pk}/"
    near.refresh_from_db()
    assert near.support_count == 1
    assert not Report.objects.filter(author=world.author).exists()


# --- Photos kept after an error ---------------------------------------------------------------


def test_chosen_photos_are_kept_after_an_error_and_filed_with_the_report(author_client, world):
    data = form_data(world, text="", photos=[jpeg_with_gps("one.jpg"), jpeg_with_gps("two.jpg")])
    response = author_client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Убрать «one.jpg»" in html and "Убрать «two.jpg»" in html
    kept = list(PendingPhoto.objects.filter(author=world.author))
    assert [p.name for p in kept] == ["one.jpg", "two.jpg"]
    kept[0].file.open()
    assert GPS_IFD not in exif_of(kept[0].file.read())  # cleaned as any upload

    response = author_client.post(URL, form_data(world, remove_photo=str(kept[0].pk)))
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.media.count() == 1
    assert not PendingPhoto.objects.exists()


def test_kept_photos_belong_to_their_author_and_form(author_client, client, world):
    author_client.post(URL, form_data(world, text="", photos=[jpeg_with_gps("one.jpg")]))
    # Another resident who learnt the token, and the same author on another form, get none.
    client.force_login(world.neighbour)
    client.post(URL, form_data(world))
    author_client.post(URL, form_data(world, client_token="token-2"))
    assert [r.media.count() for r in Report.objects.order_by("pk")] == [0, 0]
    assert PendingPhoto.objects.count() == 1


def test_a_file_that_is_not_a_photo_is_not_kept(author_client, world):
    author_client.post(URL, form_data(world, text="", photos=[fake_jpeg("virus.jpg")]))
    assert not PendingPhoto.objects.exists()


def test_abandoned_kept_photos_expire(author_client, world):
    author_client.post(URL, form_data(world, text="", photos=[jpeg_with_gps("one.jpg")]))
    photo = PendingPhoto.objects.get()
    assert pending_photos_expire(now=photo.created_at + PENDING_TTL / 2) == 0
    assert pending_photos_expire(now=photo.created_at + PENDING_TTL * 2) == 1
    assert not PendingPhoto.objects.exists()


def test_the_periodic_command_forgets_abandoned_photos(author_client, world, time_machine):
    author_client.post(URL, form_data(world, text="", photos=[jpeg_with_gps("one.jpg")]))
    time_machine.move_to(PendingPhoto.objects.get().created_at + PENDING_TTL * 2)
    out = io.StringIO()
    call_command("report_deadlines", stdout=out)
    assert "photos of abandoned forms removed: 1" in out.getvalue()
    assert not PendingPhoto.objects.exists()


def test_deleting_the_account_forgets_his_kept_photos(author_client, world):
    from veche.accounts.privacy import deletion_hooks

    author_client.post(URL, form_data(world, text="", photos=[jpeg_with_gps("one.jpg")]))
    deletion_hooks()["reports_pending_photos"](world.author)
    assert not PendingPhoto.objects.exists()
