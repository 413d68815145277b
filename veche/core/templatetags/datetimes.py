"""`{{ moment|iso_datetime }}` for `<time datetime="…">`: a valid HTML datetime, to the second.

Django's `date:'c'` writes microseconds, which the HTML standard does not allow (at most three
fractional digits) and which no reader needs.
"""

from datetime import date, datetime

from django import template

register = template.Library()


@register.filter(expects_localtime=True)
def iso_datetime(value: datetime | date | None) -> str:
    """2026-11-30T10:15:42+05:00 in the current time zone; a date stays a date; None → ""."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""
