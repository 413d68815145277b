from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_AGE, Direction
from .selectors import Near

RADII = [(1, _("1 km")), (3, _("3 km")), (5, _("5 km")), (10, _("10 km")), (30, _("30 km"))]


class FilterForm(forms.Form):
    """What a parent asks: the child's age, the municipality, the direction, free only, near a
    point (filled by «Near me» with JavaScript, or typed)."""

    age = forms.IntegerField(
        label=_("Child's age"),
        min_value=0,
        max_value=MAX_AGE,
        required=False,
        help_text=_("Full years."),
    )
    municipality = forms.TypedChoiceField(
        label=_("Municipality"), coerce=int, empty_value=None, required=False
    )
    direction = forms.ChoiceField(
        label=_("Direction"), choices=[("", _("any"))] + Direction.choices, required=False
    )
    free = forms.BooleanField(label=_("Free only"), required=False)
    lat = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90, required=False)
    lon = forms.FloatField(label=_("Longitude"), min_value=-180, max_value=180, required=False)
    radius = forms.TypedChoiceField(
        label=_("Within"), choices=RADII, coerce=int, initial=5, required=False, empty_value=5
    )
    optional_unmarked = ("age", "municipality", "direction", "free", "lat", "lon", "radius")

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", _("any"))] + [
            (m.pk, m.name) for m in municipalities
        ]

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise forms.ValidationError(_("Give both the latitude and the longitude, or neither."))
        return data

    def filters(self) -> dict:
        """The valid filters (an invalid form filters nothing: its errors are shown)."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        near = None
        if data.get("lat") is not None:
            near = Near(data["lat"], data["lon"], float(data.get("radius") or 5))
        return {
            "age": data.get("age"),
            "municipality": data.get("municipality"),
            "direction": data.get("direction") or "",
            "free": bool(data.get("free")),
            "near": near,
        }


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
