from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veche.territory.models import Municipality

from .models import Direction, OrganizationKind
from .selectors import Filters
from .services import STEPS

OTHER = "other"


class GiveForm(forms.Form):
    """A step of 50 / 100 / 200 / 500, or any whole amount."""

    step = forms.ChoiceField(
        label=_("How much to give"),
        choices=[(str(s), str(s)) for s in STEPS] + [(OTHER, _("another amount"))],
        widget=forms.RadioSelect,
        initial="100",
    )
    other = forms.IntegerField(
        label=_("Another amount"),
        required=False,
        help_text=_("A whole number, if you chose another amount."),
    )
    optional_unmarked = ("other",)

    def clean(self):
        data = super().clean()
        if data.get("step") == OTHER:
            if data.get("other") is None:
                self.add_error("other", _("Enter the amount."))
            else:
                data["amount"] = data["other"]
        elif data.get("step"):
            data["amount"] = int(data["step"])
        return data


class FilterForm(forms.Form):
    """A registry's filters (GET): Russian search, municipality, direction, and the NGO's kind
    or, for projects, "collecting now"; a malformed value shows the whole list."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    municipality = forms.TypedChoiceField(
        label=_("Municipality"), required=False, coerce=int, empty_value=None
    )
    direction = forms.ChoiceField(label=_("Direction"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    verified = forms.BooleanField(label=_("Verified only"), required=False)

    def __init__(self, *args, municipalities=(), kinds=None, verified=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", pgettext_lazy("any municipality", "any"))] + [
            (m.pk, m.name) for m in municipalities
        ]
        self.fields["direction"].choices = [
            ("", pgettext_lazy("any direction", "any"))
        ] + Direction.choices
        if kinds is None:
            del self.fields["kind"]
        else:
            self.fields["kind"].choices = kinds
        if not verified:
            del self.fields["verified"]

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            q=(data.get("q") or "").strip(),
            municipality=data.get("municipality"),
            direction=data.get("direction") or "",
            kind=data.get("kind") or "",
            verified=bool(data.get("verified")),
        )


class ActivistForm(forms.Form):
    name = forms.CharField(
        label=_("Name shown"),
        max_length=120,
        help_text=_("How the registry names you, for example «Анна Петрова»."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name")
    )
    direction = forms.ChoiceField(label=_("Main direction"), choices=Direction.choices)
    about = forms.CharField(
        label=_("About you"), max_length=2000, required=False, widget=forms.Textarea
    )
    optional_unmarked = ()


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganizationKind.choices)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name")
    )
    direction = forms.ChoiceField(label=_("Main direction"), choices=Direction.choices)
    description = forms.CharField(
        label=_("What the NGO does"), max_length=3000, required=False, widget=forms.Textarea
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    contacts_public = forms.BooleanField(
        label=_("Show the contacts to everybody"),
        required=False,
        help_text=_("Otherwise only moderators see them."),
    )


class NewsForm(forms.Form):
    title = forms.CharField(label=_("Headline"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Paragraphs (<p>), bold (<strong>), lists (<ul>, <li>) and links (<a href>) are kept; "
            "other markup is removed."
        ),
    )


class VerifyForm(forms.Form):
    evidence = forms.CharField(
        label=_("Evidence checked"),
        max_length=300,
        help_text=_("For example: an extract from the register of legal entities, a meeting."),
    )


class GrantForm(forms.Form):
    """The individuals' grants contest: the date of birth is asked only here."""

    title = forms.CharField(label=_("Project title"), max_length=150)
    direction = forms.ChoiceField(label=_("Grant direction"), choices=Direction.choices)
    description = forms.CharField(
        label=_("What you will do"), max_length=3000, required=False, widget=forms.Textarea
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        help_text=_("The contest takes applicants aged 14 and over. Example: 21.03.2008."),
        widget=forms.DateInput(attrs={"autocomplete": "bday"}),
    )
