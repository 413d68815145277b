"""`{{ value|figure }}`: a table cell of a dashboard — a number in the page's language, a date,
or «нет данных» for a figure without data (an empty period never shows a division by zero)."""

from datetime import date

from django import template
from django.utils import formats as django_formats
from django.utils.translation import gettext as _

from veche.core import formats

register = template.Library()


@register.filter
def figure(value) -> str:
    if value is None:
        return _("no data")
    if isinstance(value, bool) or isinstance(value, str):
        return str(value)
    if isinstance(value, date):
        return django_formats.date_format(value, "j E Y")
    return formats.number(value)
