"""The demo fills the registry once: about sixty projects over several years and
municipalities, some in implementation, one owing refunds, and the completeness figures."""

from veche.core.demo import demos_in_order
from veche.realized import demo
from veche.realized.models import Project, ProjectPhoto, RealizedCount


def test_the_demo_is_idempotent_and_looks_in_use(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for entry in demos_in_order():
        if entry.app_label == "territory":
            entry.seed()
    demo.seed()
    first = list(Project.objects.order_by("pk").values())
    demo.seed()
    assert list(Project.objects.order_by("pk").values()) == first
    assert Project.objects.count() == 60
    assert Project.objects.values("year").distinct().count() >= 8
    assert Project.objects.values("municipality").distinct().count() >= 10
    assert Project.objects.filter(status="in_implementation").exists()
    assert Project.objects.filter(status="not_carried_out", refund_residents__gt=0).exists()
    assert Project.objects.filter(settlement__isnull=False).count() > 40
    assert RealizedCount.objects.count() > 0
    assert ProjectPhoto.objects.filter(stage="after").count() == demo.PHOTOGRAPHED
    assert ProjectPhoto.objects.count() == 2 * demo.PHOTOGRAPHED
