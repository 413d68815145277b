"""Filing on the web: a whole form without JavaScript, a photo, errors by field."""

import pytest

from veche.ideas.models import Idea, Status
from veche.media.tests.files import jpeg_with_gps

pytestmark = pytest.mark.django_db


def test_a_guest_is_asked_to_log_in(client, world):
    assert "/accounts/login/" in client.get("/ideas/new/").content.decode()


def test_an_unconfirmed_resident_is_told_to_confirm(client, world):
    client.force_login(world.unconfirmed)
    assert client.get("/ideas/new/").status_code == 403


def test_filing_with_a_photo(client, world):
    client.force_login(world.author)
    response = client.post(
        "/ideas/new/",
        {
            "title": "Сквер у школы",
            "text": "Разбить сквер.",
            "category": world.category.pk,
            "municipality": world.surgut.pk,
            "lat": str(world.surgut.centre_lat).replace(".", ","),
            "lon": str(world.surgut.centre_lon),
            "photos": [jpeg_with_gps()],
            "client_token": "t1",
        },
    )
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ideas/{idea.pk}/"
    assert idea.status == Status.SUBMITTED and idea.photos.count() == 1 and idea.has_point


def test_errors_come_back_by_field_in_russian(client, world):
    client.force_login(world.author)
    response = client.post("/ideas/new/", {"title": "", "text": "", "municipality": ""})
    assert response.status_code == 400
    page = response.content.decode()
    for message in ("Дайте идее название", "Опишите идею", "Выберите категорию из списка"):
        assert message in page
    assert not Idea.objects.exists()


def test_a_point_elsewhere_is_refused_on_the_coordinates(client, world):
    client.force_login(world.author)
    response = client.post(
        "/ideas/new/",
        {
            "title": "Сквер",
            "text": "Разбить сквер.",
            "category": world.category.pk,
            "municipality": world.surgut.pk,
            "lat": world.urai.centre_lat,
            "lon": world.urai.centre_lon,
        },
    )
    assert response.status_code == 400 and not Idea.objects.exists()
    assert "Урай" in response.content.decode()
