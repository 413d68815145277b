"""The issue's acceptance walk through the web pages: a resident files with two photos, the
moderator publishes, the report is routed with its working-day deadline, the official answers
"scheduled" and then "resolved", the author rates and confirms — each step on the public page,
each step told to the right people, the photos without GPS."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.test import Client

from veche.notifications.models import Notification
from veche.reports.models import Report
from veche.reports.tests.images import exif_of, jpeg_with_gps

YEKT = ZoneInfo("Asia/Yekaterinburg")


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def told(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("kind", flat=True))


@time_machine.travel(datetime(2024, 12, 27, 10, 0, tzinfo=YEKT))
def test_the_whole_walk_through_the_web(world):
    public = Client()
    filed = as_user(world.author).post(
        "/reports/new/",
        {
            "topic": world.topic.pk,
            "text": "Глубокая яма у школы № 5",
            "lat": f"{world.surgut.centre_lat}",
            "lon": f"{world.surgut.centre_lon}",
            "settlement": "",
            "address": "ул. Ленина, 5",
            "photos": [jpeg_with_gps("one.jpg"), jpeg_with_gps("two.jpg")],
        },
    )
    report = Report.objects.get()
    assert filed.status_code == 302 and filed["Location"] == f"/reports/{report.pk}/"
    assert [exif_of(photo.file.read()) for photo in report.media.all()] == [{}, {}]
    assert public.get(f"/reports/{report.pk}/").status_code == 404  # not yet published
    assert "submitted" in told(world.moderator)

    published = as_user(world.moderator).post(f"/workspace/reports/{report.pk}/publish/")
    assert published.status_code == 302
    report.refresh_from_db()
    assert report.agency == world.surgut_admin
    assert report.due_at == datetime(2025, 1, 21, 23, 59, 59, 999999, tzinfo=YEKT)
    page = public.get(f"/reports/{report.pk}/").content.decode()
    assert "21 января 2025, 23:59" in page and world.surgut_admin.name in page
    assert told(world.official) and "status_changed" in told(world.author)

    official = as_user(world.official)
    assert (
        official.post(
            f"/workspace/reports/{report.pk}/answer/",
            {
                "kind": "scheduled",
                "text": "Ремонт покрытия запланирован на май.",
                "planned_date": "2025-05-20",
            },
        ).status_code
        == 302
    )
    assert (
        official.post(
            f"/workspace/reports/{report.pk}/answer/",
            {
                "kind": "resolved",
                "text": "Яма заделана, покрытие восстановлено.",
            },
        ).status_code
        == 302
    )

    confirmed = as_user(world.author).post(
        f"/reports/{report.pk}/review/", {"rating": "5", "verdict": "confirm"}
    )
    assert confirmed.status_code == 302
    report.refresh_from_db()
    assert report.status == "closed"

    page = public.get(f"/reports/{report.pk}/").content.decode()
    for text in (
        "Ремонт покрытия запланирован на май.",
        "Яма заделана, покрытие восстановлено.",
        "Закрыто",
        "5 из 5",
    ):
        assert text in page, text
    for private in (world.author.email, world.author.phone, world.author.last_name):
        assert private not in page
    assert told(world.author).count("answered") == 2
