"""Hostile uploads, from every door of the reports (and verification): whoever uploads a photo
or a document, no stored image keeps GPS; polyglots and active PDFs are refused or cleaned;
answer attachments are served as downloads; oversized images are named as such."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from veche.media.tests.files import (
    GPS_IFD,
    HTML,
    MAKE,
    exif_of,
    forged_png,
    jpeg_bytes,
    mp4_with_html,
    pdf,
    pdf_with_open_action_javascript,
    upload,
    webm_with_html,
)
from veche.reports.models import Answer, AnswerFile, Report, ReportMedia, Status
from veche.reports.services import report_answer, report_submit
from veche.reports.tests.conftest import point_in
from veche.reports.tests.factories import RoutedReportFactory
from veche.verification.services import document_verification_submit

pytestmark = pytest.mark.django_db

POLYGLOT = jpeg_bytes(gps=True) + HTML  # a photo with GPS and camera, and a web page behind it


def _resident_photo(world) -> bytes:
    report = report_submit(
        author=world.author,
        topic=world.topic,
        text="Яма",
        media=[upload("photo.jpg", POLYGLOT)],
        **point_in(world.surgut),
    )
    return report.media.get().file.read()


def _answer_attachment(world) -> bytes:
    report = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    answer = report_answer(
        official=world.official,
        report=report,
        kind="resolved",
        text="Сделано.",
        files=[upload("акт.jpg", POLYGLOT)],
    )
    return answer.files.get().file.read()


def _verification_document(world) -> bytes:
    verification = document_verification_submit(
        user=world.neighbour, file=upload("p.jpg", POLYGLOT)
    )
    with verification.document.open("rb") as stored:
        return stored.read()


@pytest.mark.parametrize("stored_by", [_resident_photo, _answer_attachment, _verification_document])
def test_no_stored_image_keeps_gps_or_what_was_appended_whoever_uploaded_it(world, stored_by):
    stored = stored_by(world)
    exif = exif_of(stored)
    assert GPS_IFD not in exif and MAKE not in exif
    assert b"PhoneMaker" not in stored and b"<script" not in stored


def test_an_answer_with_an_active_pdf_is_refused_and_nothing_is_written(world):
    report = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    with pytest.raises(ValidationError) as error:
        report_answer(
            official=world.official,
            report=report,
            kind="resolved",
            text="Сделано.",
            files=[upload("ответ.pdf", pdf_with_open_action_javascript())],
        )
    assert "«ответ.pdf»: PDF содержит скрипты" in error.value.messages[0]
    report.refresh_from_db()
    assert report.status == Status.ROUTED
    assert not Answer.objects.exists() and not AnswerFile.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"), [("page.mp4", mp4_with_html()), ("page.webm", webm_with_html())]
)
def test_html_behind_a_video_header_is_refused_and_nothing_is_written(world, name, data):
    with pytest.raises(ValidationError) as error:
        report_submit(
            author=world.author,
            topic=world.topic,
            text="Видео",
            media=[upload(name, data)],
            **point_in(world.surgut),
        )
    assert error.value.messages == [f"«{name}» — не воспроизводимое видео MP4 или WebM."]
    assert not Report.objects.exists() and not ReportMedia.objects.exists()


def test_the_filing_form_names_images_too_large_rather_than_not_a_photo(client, world):
    client.force_login(world.author)
    photos = [upload(f"{n}.png", forged_png(8_000, 5_000), "image/png") for n in range(10)]
    data = {
        "topic": world.topic.pk,
        "text": "Глубокая яма на проезжей части у дома 5",
        "lat": f"{world.surgut.centre_lat}",
        "lon": f"{world.surgut.centre_lon}",
        "address": "ул. Ленина, 5",
        "client_token": "token-1",
        "photos": photos,
    }
    response = client.post(reverse("reports:new"), data)
    assert response.status_code == 400
    assert "Изображения вместе слишком большие (80 Мпикс)" in response.content.decode()
    assert not Report.objects.exists()


@pytest.fixture
def answered(world):
    report = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    report_answer(
        official=world.official,
        report=report,
        kind="resolved",
        text="Сделано.",
        files=[upload("акт.html", pdf() + HTML)],
    )
    return report


def test_an_answer_file_is_served_as_a_download_that_is_never_sniffed(client, answered):
    file = AnswerFile.objects.get()
    page = client.get(reverse("reports:detail", args=[answered.pk])).content.decode()
    url = reverse("reports:answer_file", args=[answered.pk, file.pk])
    assert f'href="{url}"' in page and file.file.url not in page
    response = client.get(url)
    assert response.status_code == 200
    # The uploader called it акт.html; it is a PDF, and is saved as one.
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%D0%B0%D0%BA%D1%82.pdf"
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == pdf()  # the page behind %%EOF was cut


def test_an_answer_file_is_found_only_under_its_own_visible_report(client, world, answered):
    file = AnswerFile.objects.get()
    other = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    assert client.get(reverse("reports:answer_file", args=[other.pk, file.pk])).status_code == 404
    Report.objects.filter(pk=answered.pk).update(status=Status.SUBMITTED)  # back to unpublished
    url = reverse("reports:answer_file", args=[answered.pk, file.pk])
    assert client.get(url).status_code == 404
