"""The working-day calendar: only the days that break the Mon–Fri rule are stored.

A day without a row follows the default rule (Monday to Friday working, Saturday and Sunday off).
Rows come from the official data file (veche/workdays/data/ru.json) or from an admin; the loader
never overwrites a row an admin wrote. docs/calendar.md describes the rules.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("public holiday")
        TRANSFER = "transfer", _("transferred day")
        PRE_HOLIDAY = "pre_holiday", _("pre-holiday day (one hour shorter)")
        CUSTOM = "custom", _("set by an admin")

    class Source(models.TextChoices):
        OFFICIAL = "official", _("official calendar")
        ADMIN = "admin", _("admin")

    date = models.DateField(_("date"), unique=True)
    is_working = models.BooleanField(_("working day"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CUSTOM)
    note = models.CharField(_("note"), max_length=255, blank=True)
    # An admin's row is kept as it is when the official data is loaded again.
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.ADMIN, editable=False
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="holiday") | Q(is_working=False),
                name="workdays_holiday_is_not_working",
                violation_error_message=_(
                    "A public holiday cannot be a working day; choose the kind "
                    "“set by an admin” to make this date working."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind="pre_holiday") | Q(is_working=True),
                name="workdays_pre_holiday_is_working",
                violation_error_message=_("A pre-holiday day is a (shortened) working day."),
            ),
        ]

    def __str__(self) -> str:
        state = _("working") if self.is_working else _("day off")
        return f"{self.date:%d.%m.%Y} — {state}"
