"""Factories for the territory: a region, municipalities with square boundaries, settlements.

Other apps import these. Each municipality gets its own 0.4°×0.4° square, laid out on a grid so
that municipalities made in one test never overlap; a settlement's square sits at its
municipality's centre.
"""

import factory

from veche.territory.models import Municipality, Place, Region, Settlement


def square(lat: float, lon: float, half: float) -> dict:
    """A GeoJSON Polygon: the square of half-side `half` degrees around (lat, lon)."""
    ring = [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Регион {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    timezone = "Asia/Yekaterinburg"
    centre_lat = 61.0
    centre_lon = 72.0
    boundary = factory.LazyFunction(lambda: square(61.0, 72.0, 15.0))


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    class Params:
        half_size = 0.2

    region = factory.SubFactory(RegionFactory)
    kind = Municipality.Kind.CITY_OKRUG
    name = factory.Sequence(lambda n: f"Муниципалитет {n}")
    slug = factory.Sequence(lambda n: f"municipality-{n}")
    admin_centre = factory.LazyAttribute(lambda o: o.name)
    population = 50_000
    # A 0.5° grid of 20×20 cells inside the default region square.
    centre_lat = factory.Sequence(lambda n: 52.0 + (n % 20) * 0.5)
    centre_lon = factory.Sequence(lambda n: 62.0 + (n // 20 % 20) * 0.5)
    boundary = factory.LazyAttribute(lambda o: square(o.centre_lat, o.centre_lon, o.half_size))


class SettlementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Settlement

    class Params:
        half_size = 0.05

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = Settlement.Kind.VILLAGE
    name = factory.Sequence(lambda n: f"Посёлок {n}")
    population = 1_000
    centre_lat = factory.LazyAttribute(lambda o: o.municipality.centre_lat)
    centre_lon = factory.LazyAttribute(lambda o: o.municipality.centre_lon)
    boundary = factory.LazyAttribute(lambda o: square(o.centre_lat, o.centre_lon, o.half_size))


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    settlement = factory.SubFactory(SettlementFactory)
    name = factory.Sequence(lambda n: f"улица {n}-я")
    lat = factory.LazyAttribute(lambda o: o.settlement.centre_lat)
    lon = factory.LazyAttribute(lambda o: o.settlement.centre_lon)
