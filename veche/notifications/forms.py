from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from veche.territory.models import Municipality

from .categories import category_choices


def _categories() -> list:
    return [("", _("Any category")), *category_choices()]


class SubscriptionForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("Any municipality"),
    )
    # Keys that the domain apps register (categories.py), grouped by app.
    category_key = forms.ChoiceField(label=_("Category"), choices=_categories, required=False)
    south = forms.FloatField(
        label=_("South edge, latitude"), required=False, min_value=-90, max_value=90
    )
    west = forms.FloatField(
        label=_("West edge, longitude"), required=False, min_value=-180, max_value=180
    )
    north = forms.FloatField(
        label=_("North edge, latitude"), required=False, min_value=-90, max_value=90
    )
    east = forms.FloatField(
        label=_("East edge, longitude"), required=False, min_value=-180, max_value=180
    )

    AREA = ("south", "west", "north", "east")

    def clean(self) -> dict:
        data = super().clean()
        edges = [data.get(name) for name in self.AREA]
        given = [value is not None for value in edges]
        if any(given) and not all(given):
            for name, value in zip(self.AREA, edges, strict=True):
                if value is None and name not in self.errors:
                    self.add_error(name, _("Give all four edges of the area, or none."))
        elif all(given):
            south, west, north, east = edges
            if south > north:
                self.add_error("north", _("The north edge must be north of the south edge."))
            if west > east:
                self.add_error("east", _("The east edge must be east of the west edge."))
        has_area = all(given)
        if (
            not (data.get("municipality") or data.get("category_key") or has_area)
            and not self.errors
        ):
            raise forms.ValidationError(_("Choose a municipality, a category or a map area."))
        data["area"] = tuple(edges) if has_area else None
        return data


class PreferenceForm(forms.Form):
    email_enabled = forms.BooleanField(
        label=_("Send my notifications by e-mail as well"),
        required=False,
        help_text=_("Notifications always appear on the site."),
    )
    digest_enabled = forms.BooleanField(label=_("Send me the daily digest"), required=False)
    language = forms.ChoiceField(
        label=_("Language of letters"),
        choices=[("", _("The portal's language")), *settings.LANGUAGES],
        required=False,
        help_text=_("The site shows notifications in the language you chose on the site."),
    )
    sms_enabled = forms.BooleanField(
        label=_("Send my notifications by SMS as well"),
        required=False,
        help_text=_("To your phone number, once it is confirmed by a code."),
    )
    push_enabled = forms.BooleanField(
        label=_("Send my notifications as web push as well"),
        required=False,
        help_text=_("To the browsers where you allowed notifications on this page."),
    )

    def __init__(self, *args, digest: bool = False, push: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not digest:
            del self.fields["digest_enabled"]
        if not push:  # web push is not configured on this portal
            del self.fields["push_enabled"]
