"""Forms of the registry's pages: the filters every list, map and export share, and the staff's
edit of an object's status, progress, dates and money."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import MONEY, Status
from .selectors import Filters


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    category = forms.TypedChoiceField(
        label=_("Category"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", pgettext_lazy("any status", "any"))] + Status.choices,
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    municipality = forms.TypedChoiceField(
        label=_("Municipality"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, categories=(), years=(), municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", pgettext_lazy("any category", "any"))] + [
            (c.pk, c.name) for c in categories
        ]
        self.fields["year"].choices = [("", pgettext_lazy("any year", "any"))] + [
            (y, str(y)) for y in years
        ]
        self.fields["municipality"].choices = [("", pgettext_lazy("any municipality", "any"))] + [
            (m.pk, m.name) for m in municipalities
        ]

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            category=data["category"],
            status=data["status"] or None,
            year=data["year"],
            municipality=data["municipality"],
            q=data["q"].strip(),
        )


class FeedFilterForm(forms.Form):
    """The same filters read from a feed's or an export's query string, without the choice
    lists (no query to build them): a malformed value is ignored, as the page's form would."""

    q = forms.CharField(required=False, max_length=200)
    category = forms.IntegerField(required=False, min_value=1)
    status = forms.ChoiceField(required=False, choices=[("", "")] + Status.choices)
    year = forms.IntegerField(required=False, min_value=0, max_value=9999)
    municipality = forms.IntegerField(required=False, min_value=1)

    def filters(self) -> Filters:
        data = {}
        for name in self.fields:
            field = self.fields[name]
            try:
                data[name] = field.clean(field.widget.value_from_datadict(self.data, {}, name))
            except forms.ValidationError:
                data[name] = None
        return Filters(
            category=data["category"],
            status=data["status"] or None,
            year=data["year"],
            municipality=data["municipality"],
            q=(data["q"] or "").strip(),
        )


class FacilityForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    progress = forms.IntegerField(label=_("Progress, %"), min_value=0, max_value=100)
    budget_planned = forms.DecimalField(
        label=_("Budget planned, ₽"), min_value=Decimal(0), localize=True, **MONEY
    )
    budget_spent = forms.DecimalField(
        label=_("Spent, ₽"), min_value=Decimal(0), localize=True, **MONEY
    )
    planned_start = forms.DateField(label=_("Planned start"), required=False)
    planned_end = forms.DateField(label=_("Planned end"), required=False)
    actual_start = forms.DateField(label=_("Actual start"), required=False)
    actual_end = forms.DateField(label=_("Actual end"), required=False)
    contractor = forms.CharField(label=_("Contractor"), required=False, max_length=300)
