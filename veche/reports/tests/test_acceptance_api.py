"""The issue's acceptance walk, through the REST API and through Open311: file with two photos,
publish, route to the right agency with the right deadline, answer "scheduled" then "resolved",
rate and confirm; each step on the public record and told to the right people."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail

from veche.api.services import api_token_create
from veche.notifications.models import Notification
from veche.open311.services import integration_key_create
from veche.reports.models import Report
from veche.reports.tests.conftest import point_in
from veche.reports.tests.images import exif_of, jpeg_with_gps

YEKT = ZoneInfo("Asia/Yekaterinburg")


def bearer(user) -> dict:
    _, key = api_token_create(user=user, name="app", created_by=None)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def told(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("kind", flat=True))


def walk_after_filing(client, world, report_id: int, author) -> None:
    publish = client.post(f"/api/v1/reports/{report_id}/publish", **bearer(world.moderator))
    assert publish.status_code == 200, publish.content
    body = publish.json()
    assert body["agency"] == world.surgut_admin.name
    # Filed on Friday 27 Dec 2024: ten working days end on 21 January 2025 (local time).
    due = datetime.fromisoformat(body["due_at"].replace("Z", "+00:00")).astimezone(YEKT)
    assert (due.date().isoformat(), due.hour, due.minute) == ("2025-01-21", 23, 59)
    assert told(world.official), "the agency hears of new work"

    official = bearer(world.official)
    answer = client.post(
        f"/api/v1/reports/{report_id}/answer",
        {"kind": "scheduled", "text": "Ремонт в мае", "planned_date": "2025-05-20"},
        **official,
    )
    assert answer.status_code == 200, answer.content
    done = client.post(
        f"/api/v1/reports/{report_id}/answer",
        {"kind": "resolved", "text": "Яма заделана"},
        **official,
    )
    assert done.status_code == 200, done.content
    review = client.post(
        f"/api/v1/reports/{report_id}/review",
        {"confirm": True, "rating": 5},
        content_type="application/json",
        **bearer(author),
    )
    assert review.json()["status"] == "closed"

    page = client.get(f"/api/v1/reports/{report_id}").json()
    assert page["status"] == "closed"
    report = Report.objects.get(pk=report_id)
    public = [e.status_to or e.kind for e in report.timeline.filter(is_public=True)]
    assert public[:2] == ["submitted", "routed"] and public[-1] == "closed"
    assert public.count("answer") == 2
    kinds = told(author)
    # published (a status change) and both answers; closing is his own act, not news to him
    assert kinds.count("answered") == 2 and "status_changed" in kinds, kinds
    assert any(author.email in message.to for message in mail.outbox)
    for photo in report.media.all():
        assert exif_of(photo.file.read()) == {}


@time_machine.travel(datetime(2024, 12, 27, 10, 0, tzinfo=YEKT))
def test_through_the_rest_api(client, world):
    filed = client.post(
        "/api/v1/reports/",
        {
            "topic_id": world.topic.pk,
            "text": "Яма у школы",
            **point_in(world.surgut),
            "media": [jpeg_with_gps("a.jpg"), jpeg_with_gps("b.jpg")],
        },
        **bearer(world.author),
    )
    assert filed.status_code == 201, filed.content
    assert Report.objects.get(pk=filed.json()["id"]).media.count() == 2
    assert told(world.moderator), "moderators hear of a new report"
    walk_after_filing(client, world, filed.json()["id"], world.author)


@time_machine.travel(datetime(2024, 12, 27, 10, 0, tzinfo=YEKT))
def test_through_open311_post(client, world):
    _, key = integration_key_create(name="Городское приложение")
    filed = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": key,
            "service_code": world.topic.service_code,
            "description": "Яма у школы",
            "lat": world.surgut.centre_lat,
            "long": world.surgut.centre_lon,
            "email": world.author.email,
            "media[]": [jpeg_with_gps("a.jpg"), jpeg_with_gps("b.jpg")],
        },
    )
    assert filed.status_code == 200, filed.content
    report_id = int(filed.json()[0]["service_request_id"])
    report = Report.objects.get(pk=report_id)
    assert report.author == world.author and report.media.count() == 2
    walk_after_filing(client, world, report_id, world.author)
    closed = client.get(f"/open311/v2/requests/{report_id}.json").json()[0]
    assert closed["status"] == "closed"
