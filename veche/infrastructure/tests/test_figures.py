"""Agency and contractor on-time shares, counted by hand."""

import datetime

from veche.agencies.tests.factories import AgencyFactory
from veche.infrastructure.figures import on_time_shares
from veche.infrastructure.models import Rating, Status

from .factories import FacilityFactory

TODAY = datetime.date(2025, 6, 1)
D = datetime.date


def test_on_time_shares_by_agency_and_contractor(world):
    north, south = AgencyFactory(name="Север"), AgencyFactory(name="Юг")

    def make(agency, contractor, status, planned_end, actual_end=None):
        return FacilityFactory(
            municipality=world.surgut,
            agency=agency,
            contractor=contractor,
            status=status,
            planned_end=planned_end,
            actual_end=actual_end,
        )

    # North: 4 due — on time (1), late (2), overdue and running (3), completed on the day (4);
    # not due: running before its planned end, and no planned end at all.
    first = make(north, "СтройМост", Status.COMPLETED, D(2025, 5, 1), D(2025, 4, 20))
    make(north, "СтройМост", Status.COMPLETED, D(2025, 5, 1), D(2025, 5, 10))
    make(north, "Дорстрой", Status.IN_PROGRESS, D(2025, 3, 1))
    make(north, "Дорстрой", Status.COMPLETED, D(2025, 2, 1), D(2025, 2, 1))
    make(north, "Дорстрой", Status.IN_PROGRESS, D(2025, 9, 1))
    make(north, "Дорстрой", Status.COMPLETED, None, D(2025, 1, 1))
    # South: 1 due, suspended past its date — 0 %.
    make(south, "СтройМост", Status.SUSPENDED, D(2025, 1, 1))
    Rating.objects.create(facility=first, user=world.resident, score=4)

    agencies = {row.name: row for row in on_time_shares(by="agency", today=TODAY)}
    assert (agencies["Север"].due, agencies["Север"].on_time, agencies["Север"].percent) == (
        4,
        2,
        50,
    )
    assert (agencies["Юг"].due, agencies["Юг"].on_time, agencies["Юг"].percent) == (1, 0, 0)
    assert (agencies["Север"].ratings, agencies["Север"].average) == (1, 4.0)

    contractors = {row.name: row for row in on_time_shares(by="contractor", today=TODAY)}
    # СтройМост: 3 due (on time, late, South's suspended) — 1 on time, 33 %.
    assert (contractors["СтройМост"].due, contractors["СтройМост"].on_time) == (3, 1)
    assert contractors["СтройМост"].percent == 33
    # Дорстрой: 2 due (overdue running, on the day) — 1 on time, 50 %.
    assert (contractors["Дорстрой"].due, contractors["Дорстрой"].on_time) == (2, 1)


def test_nothing_due_gives_no_row(world):
    FacilityFactory(municipality=world.surgut, agency=AgencyFactory(), planned_end=None)
    assert on_time_shares(by="agency", today=TODAY) == []
