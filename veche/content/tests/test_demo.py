import pytest

from veche.content import demo
from veche.content.models import Event, KbEntry, News, Page
from veche.core.demo import demos_in_order


def test_the_demo_is_idempotent_and_builds_the_sections(db, client):
    territory = next(d for d in demos_in_order() if d.app_label == "territory")
    territory.seed()
    demo.seed()
    demo.seed()
    assert News.objects.visible().count() >= 30
    assert News.objects.count() == News.objects.visible().count() + 1  # one scheduled
    assert KbEntry.objects.visible().count() >= 40
    assert KbEntry.objects.values("category").distinct().count() >= 8
    assert Event.objects.count() >= 15
    sections = ["nasha-yugra", "dostupnye-resursy", "mnogovekovaya-yugra",
                "obshchestvennye-sovety", "mediagramotnost", "byudzhet-dlya-grazhdan"]  # fmt: skip
    for path in sections:
        assert client.get(f"/about/{path}/").status_code == 200
    authors = Page.objects.filter(path__startswith="mnogovekovaya-yugra/").exclude(byline="")
    assert authors.count() >= 3
    assert client.get("/about/mnogovekovaya-yugra/letopisi/").content.decode().count("Вершинина")
    for path in ["/news/", "/help/", "/events/", "/events/month/", "/materials/", "/about/", "/"]:
        assert client.get(path).status_code == 200, path


pytestmark = pytest.mark.django_db
