"""`{% load formats %}`: the template side of `veche.core.formats` (see there for the output).

    {{ report.created_at|local_datetime }}   30 ноября 2026, 09:11
    {{ answer.planned_date|local_date }}     30 ноября 2026
    {{ count|number }}                       402 000
    {{ budget|money }}                       402 000 ₽

With `<time>`: `<time datetime="{{ x|iso_datetime }}">{{ x|local_datetime }}</time>`
(`iso_datetime` is in `{% load datetimes %}`).
"""

from django import template

from .. import formats

register = template.Library()

register.filter("local_datetime", formats.local_datetime)
register.filter("local_date", formats.local_date)
register.filter("number", formats.number)
register.filter("money", formats.money)
