"""The demo fills the registry once: the 32 categories, objects in every category and
municipality (lines, polygons, points), payments of the completed ones."""

from veche.core.demo import demos_in_order
from veche.infrastructure import demo
from veche.infrastructure.models import Category, Facility, HistoryEntry, Payment
from veche.territory.models import Municipality


def test_the_demo_is_idempotent_and_covers_every_category_and_municipality(db):
    for entry in demos_in_order():
        if entry.app_label in ("territory", "agencies"):
            entry.seed()
    demo.seed()
    first = (Facility.objects.count(), HistoryEntry.objects.count(), Payment.objects.count())
    demo.seed()
    assert (
        Facility.objects.count(),
        HistoryEntry.objects.count(),
        Payment.objects.count(),
    ) == first
    assert Category.objects.count() == 32
    assert Facility.objects.count() == demo.DEMO_COUNT
    assert Facility.objects.values("category").distinct().count() == 32
    assert (
        Facility.objects.values("municipality").distinct().count() == Municipality.objects.count()
    )
    assert {"point", "line", "polygon"} == set(Facility.objects.values_list("shape", flat=True))
    assert set(Facility.objects.values_list("status", flat=True)) == {
        "planned",
        "in_progress",
        "completed",
        "suspended",
    }
    assert Payment.objects.exists()
    assert Facility.objects.filter(agency__isnull=False).exists()
