"""The demo builds one regional and two municipal contests in different stages, once."""

from veche.budgeting import demo, stages
from veche.budgeting.models import Contest
from veche.core.demo import demos_in_order

NEEDED = ("territory", "workdays", "agencies", "staff")


def _seed_all_before_budgeting():
    """Only the demos budgeting builds on (its `after=`), not the whole portal's."""
    for entry in demos_in_order():
        if entry.app_label in NEEDED:
            entry.seed()


def test_the_demo_is_idempotent_and_shows_each_stage(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _seed_all_before_budgeting()
    demo.seed()
    demo.seed()
    contests = {c.title: c for c in Contest.objects.all()}
    assert len(contests) == 3
    regional = contests["Инициативное бюджетирование Югры — 2027"]
    assert regional.is_regional and regional.current_stage.kind == stages.APPLICATIONS
    assert contests["Народный бюджет Сургута — 2026"].current_stage.kind == stages.PUBLIC_VOTING
    urai = contests["Твой бюджет — Урай 2027"]
    assert urai.is_published and urai.current_stage is None and not urai.has_started
    surgut = contests["Народный бюджет Сургута — 2026"]
    statuses = set(surgut.applications.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "revision", "admitted", "rejected"}
    assert set(regional.applications.values_list("status", flat=True)) == {"draft", "submitted"}
    assert surgut.current_stage.kind == stages.PUBLIC_VOTING  # the stages are back in place
