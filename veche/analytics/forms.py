"""The dashboards' and ratings' filters: a period of local days and, for the region, a
municipality. A bad period gets a message and the page shows the default period."""

from datetime import date, timedelta

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The default period: the last 90 days up to today.
DEFAULT_DAYS = 90


class PeriodForm(forms.Form):
    first = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    last = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    municipality = forms.TypedChoiceField(
        label=_("Municipality"), required=False, coerce=int, empty_value=None
    )
    optional_unmarked = ("first", "last", "municipality")

    def __init__(self, *args, data_start: date | None = None, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.data_start = data_start
        self.today = timezone.localdate()
        if municipalities is None:
            del self.fields["municipality"]
        else:
            self.fields["municipality"].choices = [
                ("", pgettext_lazy("any municipality", "the whole region"))
            ] + [(m.pk, m.name) for m in municipalities]

    def clean(self):
        data = super().clean()
        first = data.get("first") or self.today - timedelta(days=DEFAULT_DAYS - 1)
        last = data.get("last") or self.today
        if first > last:
            raise forms.ValidationError(
                _("The start of the period is after its end."), code="reversed"
            )
        if last > self.today:
            self.add_error("last", _("The period cannot end after today."))
        if self.data_start and data.get("first") and first < self.data_start:
            self.add_error(
                "first",
                _("The period is longer than the data: they start on %(day)s.")
                % {"day": formats.date_format(self.data_start, "j E Y")},
            )
        data["first"], data["last"] = first, last
        return data

    def period(self) -> tuple[date, date]:
        """The chosen period, or the default one when the form is not valid."""
        if self.is_valid():
            return self.cleaned_data["first"], self.cleaned_data["last"]
        return self.today - timedelta(days=DEFAULT_DAYS - 1), self.today

    def municipality_id(self) -> int | None:
        if "municipality" not in self.fields or not self.is_valid():
            return None
        return self.cleaned_data["municipality"]
