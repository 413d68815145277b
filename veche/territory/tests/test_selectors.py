"""List selectors that forms use: municipalities with settlements, grouped settlement choices."""

import pytest
from django import forms

from veche.territory.selectors import (
    municipalities_with_settlements,
    municipality_list,
    settlement_choices,
)
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory, SettlementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    region = RegionFactory()
    uray = MunicipalityFactory(region=region, name="Урай")
    beryozovsky = MunicipalityFactory(region=region, name="Берёзовский район")
    MunicipalityFactory(region=region, name="Белоярский район")  # no settlements yet
    SettlementFactory(municipality=uray, name="Урай")
    SettlementFactory(municipality=beryozovsky, name="Игрим")
    SettlementFactory(municipality=beryozovsky, name="Берёзово")
    SettlementFactory(municipality=beryozovsky, name="Саранпауль")
    return region


def test_municipality_list_is_in_russian_alphabetical_order(region):
    names = [m.name for m in municipality_list(region=region)]
    # "ё" sorts with "е": Белоярский < Берёзовский, whatever the database collation.
    assert names == ["Белоярский район", "Берёзовский район", "Урай"]


def test_municipalities_with_settlements_leaves_out_empty_ones(region):
    found = municipalities_with_settlements(region=region)
    assert [m.name for m in found] == ["Берёзовский район", "Урай"]
    assert [s.name for s in found[0].settlements.all()] == ["Берёзово", "Игрим", "Саранпауль"]


def test_settlement_choices_are_grouped_by_municipality(region):
    choices = settlement_choices(region=region)
    assert [(group, [name for _, name in items]) for group, items in choices] == [
        ("Берёзовский район", ["Берёзово", "Игрим", "Саранпауль"]),
        ("Урай", ["Урай"]),
    ]


def test_settlement_choices_render_optgroups_in_a_form(region):
    class Form(forms.Form):
        settlement = forms.TypedChoiceField(choices=settlement_choices(region=region), coerce=int)

    igrim_id = settlement_choices(region=region)[0][1][1][0]
    html = str(Form()["settlement"])
    assert '<optgroup label="Берёзовский район">' in html
    form = Form(data={"settlement": str(igrim_id)})
    assert form.is_valid() and form.cleaned_data["settlement"] == igrim_id


def test_settlement_choices_without_region_cover_every_region(region):
    other = SettlementFactory(name="Салехард")
    groups = [group for group, _ in settlement_choices()]
    assert other.municipality.name in groups and "Урай" in groups
