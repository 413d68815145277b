"""The editors' pages work as plain forms: create with a cover, publish, schedule, withdraw; a
material with a document; outsiders are refused."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from veche.content.models import Material, MaterialFile, News, Status
from veche.media.tests.files import jpeg_bytes, pdf, pdf_with_open_action_javascript

from .factories import NewsFactory

pytestmark = pytest.mark.django_db


def test_an_editor_writes_a_news_item_with_a_cover_and_publishes_it(world, client):
    client.force_login(world.surgut_editor)
    answer = client.post(
        "/content/work/news/new/",
        {
            "title": "Открыт приём предложений",
            "lead": "До 1 марта.",
            "body": "<p>Текст</p><script>alert(1)</script>",
            "municipality": world.surgut.pk,
            "cover_alt": "Жители на собрании",
            "cover": SimpleUploadedFile("c.jpg", jpeg_bytes(gps=True), "image/jpeg"),
        },
    )
    news = News.objects.get()
    assert answer.status_code == 302
    assert news.body == "<p>Текст</p>" and news.cover and news.status == Status.DRAFT
    assert client.get("/news/").content.decode().count("Открыт приём предложений") == 0
    client.post(f"/content/work/news/{news.pk}/publish/", {"at": ""})
    news.refresh_from_db()
    assert news.is_visible()
    assert "Открыт приём предложений" in client.get("/news/").content.decode()


def test_publishing_at_a_later_time_schedules(world, client):
    news = NewsFactory(municipality=world.surgut, status=Status.DRAFT, published_at=None)
    client.force_login(world.surgut_editor)
    later = timezone.localtime() + timedelta(days=2)
    client.post(f"/content/work/news/{news.pk}/publish/", {"at": later.strftime("%Y-%m-%dT%H:%M")})
    news.refresh_from_db()
    assert news.is_scheduled()
    page = client.get("/content/work/news/").content.decode()
    assert "назначено на" in page or "scheduled for" in page


def test_a_form_error_is_shown_with_400_and_nothing_saved(world, client):
    client.force_login(world.surgut_editor)
    answer = client.post("/content/work/news/new/", {"title": "", "municipality": world.urai.pk})
    assert answer.status_code == 400
    assert not News.objects.exists()


def test_a_material_keeps_checked_documents_only(world, client):
    client.force_login(world.surgut_admin)
    answer = client.post(
        "/content/work/material/new/",
        {
            "kind": "best_practice",
            "title": "Сборник лучших практик",
            "municipality": world.surgut.pk,
            "files": [SimpleUploadedFile("a.pdf", pdf(), "application/pdf")],
        },
    )
    assert answer.status_code == 302
    document = MaterialFile.objects.get()
    material = Material.objects.get()
    client.post(f"/content/work/material/{material.pk}/publish/", {"at": ""})
    client.logout()
    download = client.get(f"/materials/files/{document.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    client.force_login(world.surgut_admin)
    refused = client.post(
        f"/content/work/material/{material.pk}/",
        {
            "kind": "best_practice",
            "title": "Сборник",
            "municipality": world.surgut.pk,
            "files": [SimpleUploadedFile("b.pdf", pdf_with_open_action_javascript())],
        },
    )
    assert refused.status_code == 400
    assert MaterialFile.objects.count() == 1


@pytest.mark.parametrize("who", ["resident", "surgut_head"])
def test_outsiders_get_no_editors_pages(world, client, who):
    client.force_login(getattr(world, who))
    assert client.get("/content/work/").status_code == 403
    assert client.get("/content/work/news/new/").status_code == 403


def test_an_editor_of_surgut_cannot_open_urai_items(world, client):
    news = NewsFactory(municipality=world.urai)
    client.force_login(world.surgut_editor)
    assert client.get(f"/content/work/news/{news.pk}/").status_code == 403
    assert client.post(f"/content/work/news/{news.pk}/publish/", {"at": ""}).status_code == 302
    news.refresh_from_db()
    assert news.status == Status.PUBLISHED  # unchanged: it was already; withdraw is refused too
    client.post(f"/content/work/news/{news.pk}/withdraw/")
    news.refresh_from_db()
    assert news.status == Status.PUBLISHED


def test_the_admin_appoints_an_editor_on_the_page(world, client):
    client.force_login(world.surgut_admin)
    answer = client.post(
        "/content/work/editors/", {"email": world.resident.email, "municipality": world.surgut.pk}
    )
    assert answer.status_code == 302
    assert world.resident.content_editorships.filter(municipality=world.surgut).exists()
    bad = client.post("/content/work/editors/", {"email": "nobody@example.org"})
    assert bad.status_code == 400
