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


# --- Residents on objects and the staff's files (views_residents.py). ---


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your score"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a score from 1 to 5.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown after a moderator checks it."),
    )


class ProposalForm(forms.Form):
    title = forms.CharField(
        label=_("What to build or repair"),
        max_length=200,
        error_messages={"required": _("Say what should be built or repaired.")},
    )
    category = forms.TypedChoiceField(
        label=_("Category"), required=False, coerce=int, empty_value=None
    )
    new_category = forms.CharField(
        label=_("Or a new category"),
        required=False,
        max_length=200,
        help_text=_("If none of the categories fits."),
    )
    reason = forms.CharField(
        label=_("Why it is needed"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Say why it is needed.")},
    )
    lat = forms.FloatField(
        label=_("Latitude"),
        min_value=-90,
        max_value=90,
        localize=True,
        help_text=_("For example, 61.2540."),
        error_messages={"required": _("Give the point's latitude.")},
    )
    lon = forms.FloatField(
        label=_("Longitude"),
        min_value=-180,
        max_value=180,
        localize=True,
        help_text=_("For example, 73.3960."),
        error_messages={"required": _("Give the point's longitude.")},
    )
    address = forms.CharField(label=_("Address or landmark"), required=False, max_length=300)
    optional_unmarked = ("category",)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("— choose a category —"))] + [
            (c.pk, c.name) for c in categories
        ]
        self.categories = {c.pk: c for c in categories}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("category") and not cleaned.get("new_category"):
            self.add_error("category", _("Choose a category or name a new one."))
        return cleaned


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    facility = forms.IntegerField(
        label=_("Object in the registry, its number"),
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_(
            "When accepting: the number of an existing object to link the proposal to. Left "
            "empty, a draft object is created at the proposal's point."
        ),
    )


class FilesForm(forms.Form):
    photos = forms.FileField(
        label=_("Photos"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG or WebP. Location data is removed."),
    )
    documents = forms.FileField(
        label=_("Project documents"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        help_text=_("PDF."),
    )
    caption = forms.CharField(label=_("Photo caption"), required=False, max_length=300)


class VoteOpenForm(forms.Form):
    vote_opens = forms.DateTimeField(label=_("Vote opens"), localize=True)
    vote_closes = forms.DateTimeField(label=_("Vote closes"), localize=True)
    vote_anyone = forms.BooleanField(label=_("Any resident of the region may vote"), required=False)


class PaperVoteForm(forms.Form):
    """A resident's paper vote as a voting point's operator enters it: the point, who the
    resident is (found by phone or e-mail, or given an account he may claim later) and the
    settlement he lives in, as he states it in person."""

    point = forms.ModelChoiceField(label=_("Voting point"), queryset=None, empty_label=None)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    settlement = forms.ModelChoiceField(
        label=_("Settlement he lives in"),
        queryset=None,
        required=False,
        help_text=_("As the voter states it; only residents of the object's municipality vote."),
    )
    optional_unmarked = ["phone", "email"]

    def __init__(self, *args, points, settlements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = points
        self.fields["settlement"].queryset = settlements

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(_("Give the voter's phone or e-mail."), code="contact")
        return data
