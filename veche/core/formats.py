"""The one way the portal writes dates, numbers and money, on public and staff pages alike.

Templates use the `formats` filters (`{% load formats %}`); Python code (notices, e-mails, CSV
headers) calls these functions. All follow the active language:

    local_datetime  30 ноября 2026, 09:11      30 November 2026, 09:11
    local_date      30 ноября 2026             30 November 2026
    number          402 000 · 3,5              402,000 · 3.5
    money           402 000 ₽ · 1 250,50 ₽     402,000 ₽ · 1,250.50 ₽

Moments are shown in the current time zone (the portal's, `TIME_ZONE`); thousands are always
grouped (a no-break space in Russian, so a figure never breaks across lines).
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, timezone

DATETIME_PATTERN = "j E Y, H:i"
DATE_PATTERN = "j E Y"
NUMBER = int | float | Decimal


def local_datetime(value: datetime | None) -> str:
    """«30 ноября 2026, 09:11» in the current time zone; a naive moment is taken as local."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, DATETIME_PATTERN)


def local_date(value: datetime | date | None) -> str:
    """«30 ноября 2026»; a moment gives its local day."""
    if value is None:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, DATE_PATTERN)


def number(value: NUMBER | str | None, decimals: int | None = None) -> str:
    """«402 000», «3,5»: grouped thousands, the language's decimal mark; `decimals` fixes the
    digits after it (rounded), otherwise a fraction is shown as stored."""
    parsed = _parse(value)
    if parsed is None:
        return ""
    if decimals is not None:  # Django's number_format cuts the digits; money must round
        parsed = Decimal(str(parsed)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return formats.number_format(parsed, decimals, use_l10n=True, force_grouping=True)


def money(value: NUMBER | str | None) -> str:
    """«402 000 ₽»; kopecks only when there are any («1 250,50 ₽»)."""
    parsed = _parse(value)
    if parsed is None:
        return ""
    decimals = 0 if Decimal(str(parsed)) == Decimal(str(parsed)).to_integral_value() else 2
    amount = number(parsed, decimals)
    return f"{amount}\u00a0₽"  # the same in every language the portal speaks


def _parse(value: NUMBER | str | None) -> NUMBER | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except ArithmeticError:
            return None
    return value
