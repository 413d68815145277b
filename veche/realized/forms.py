"""The registry's forms: the filters the list, the map and the API share, a project's fields,
the implementation steps, the import and the completeness figure."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veche.reports.forms import MultipleFileField, MultipleFileInput
from veche.territory.models import Municipality, Settlement

from .models import FIRST_YEAR, LAST_YEAR, MONEY, Direction, ProjectPhoto, Status
from .services import ProjectIn


class FilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    municipality = forms.TypedChoiceField(
        label=_("Municipality"), required=False, coerce=int, empty_value=None
    )
    direction = forms.ChoiceField(
        label=_("Direction"),
        required=False,
        choices=[("", pgettext_lazy("any direction", "any"))] + Direction.choices,
    )

    def __init__(self, *args, years=(), municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", pgettext_lazy("any year", "any"))] + [
            (y, str(y)) for y in years
        ]
        self.fields["municipality"].choices = [("", pgettext_lazy("any municipality", "any"))] + [
            (m.pk, m.name) for m in municipalities
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {"year": None, "municipality": None, "direction": None}
        return {
            "year": self.cleaned_data["year"],
            "municipality": self.cleaned_data["municipality"],
            "direction": self.cleaned_data["direction"] or None,
        }


def _money(label):
    return forms.DecimalField(
        label=label, min_value=Decimal(0), initial=Decimal(0), localize=True, **MONEY
    )


class ProjectForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("project", "Name"), max_length=300)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    settlement = forms.ModelChoiceField(
        label=_("Settlement"), queryset=Settlement.objects.none(), required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    status = forms.ChoiceField(
        label=_("Status"), choices=Status.choices, initial=Status.IMPLEMENTED
    )
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    amount_region = _money(pgettext_lazy("money source", "Region, ₽"))
    amount_municipality = _money(pgettext_lazy("money source", "Municipality, ₽"))
    amount_residents = _money(pgettext_lazy("money source", "Residents, ₽"))
    amount_sponsors = _money(pgettext_lazy("money source", "Sponsors, ₽"))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    optional_unmarked = ("lat", "lon")

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = (
            municipalities if municipalities is not None else Municipality.objects.all()
        )
        self.fields["municipality"].queryset = municipalities.order_by("name")
        self.fields["settlement"].queryset = Settlement.objects.filter(
            municipality__in=municipalities
        ).select_related("municipality")

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lon") is None):
            self.add_error("lon", _("Give both the latitude and the longitude, or neither."))
        return data

    def project_in(self) -> ProjectIn:
        return ProjectIn(**self.cleaned_data)

    @classmethod
    def initial_of(cls, project) -> dict:
        return {name: getattr(project, name) for name in cls.base_fields}


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("What has been done"), widget=forms.Textarea(attrs={"rows": 4}))
    stage = forms.ChoiceField(
        label=_("The photos show"),
        choices=[c for c in ProjectPhoto.Stage.choices if c[0] != "after"],
        initial="during",
    )
    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        help_text=_("Up to 10 photos: JPEG, PNG or WebP."),
        widget=MultipleFileInput(attrs={"accept": "image/*"}),
    )


class FinishForm(forms.Form):
    text = forms.CharField(label=_("What has been built"), widget=forms.Textarea(attrs={"rows": 4}))
    photos = MultipleFileField(
        label=_("Photos after"),
        required=False,
        help_text=_("Up to 10 photos: JPEG, PNG or WebP."),
        widget=MultipleFileInput(attrs={"accept": "image/*"}),
    )
    left_residents = _money(_("Left over from residents' money, due back, ₽"))
    left_sponsors = _money(_("Left over from sponsors' money, due back, ₽"))


class StartForm(forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)


class AbandonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the project is not carried out"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RefundForm(forms.Form):
    residents = _money(_("Due back to residents, ₽"))
    sponsors = _money(_("Due back to sponsors, ₽"))
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)


class PhotosForm(forms.Form):
    stage = forms.ChoiceField(label=_("The photos show"), choices=ProjectPhoto.Stage.choices)
    photos = MultipleFileField(
        label=_("Photos"),
        help_text=_("Up to 10 photos: JPEG, PNG or WebP."),
        widget=MultipleFileInput(attrs={"accept": "image/*"}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("The first row names the columns; see the list below."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


class CountForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    realized = forms.IntegerField(label=_("Projects realized"), min_value=0, max_value=100000)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities.order_by("name")
