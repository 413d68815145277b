"""Forms of the idea pages: filing, the list and map filters, and one form per staff action. Each
only parses input; the service it feeds decides and explains what is allowed (core's
`apply_service_errors` puts the service's messages on the fields)."""

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from veche.agencies.models import Agency
from veche.agencies.selectors import agencies_serving
from veche.core.forms import QuickSelect
from veche.reports.filter_choices import filter_choices
from veche.reports.forms import CoordinateField, MultipleFileField, MultipleFileInput
from veche.reports.models import Category
from veche.territory.models import Municipality

from .models import UNPUBLISHED, Campaign, Idea, IdeaRejectionReason, Status
from .services.filing import MAX_FILES, MAX_PHOTOS, MAX_TEXT, MAX_TITLE

MAX_REASON = 5000
PUBLIC_STATUSES = [(value, label) for value, label in Status.choices if value not in UNPUBLISHED]


def _categories():
    return Category.objects.filter(is_active=True).order_by("order", "name")


def _text(label, *, missing, rows: int = 4, help_text="", required=True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_REASON,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": missing},
    )


class IdeaForm(forms.Form):
    """A resident's idea: the municipality, or a point that names it, and optional photos."""

    optional_unmarked = ("lat", "lon")

    title = forms.CharField(
        label=_("Title"),
        max_length=MAX_TITLE,
        help_text=_("In a few words, e.g. «A bicycle lane along the embankment»."),
        error_messages={"required": _("Give the idea a title.")},
    )
    text = forms.CharField(
        label=_("Description of the idea"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What you propose, where and why. Do not write names or phone numbers."),
        error_messages={"required": _("Describe the idea.")},
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.none(),
        empty_label=_("— choose a category —"),
        error_messages={"required": _("Choose a category from the list.")},
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        empty_label=_("— choose a municipality —"),
        error_messages={"required": _("Choose the municipality the idea is for.")},
    )
    lat = CoordinateField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("Optional: a place on the map, for example 61.2540."),
    )
    lon = CoordinateField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("For example, 73.3960."),
    )
    photos = MultipleFileField(
        label=_("Photos"),
        help_text=format_lazy(
            _("Up to {max} photos: JPEG, PNG or WebP, up to 15 MB each. Location data is removed."),
            max=MAX_PHOTOS,
        ),
        widget=MultipleFileInput(attrs={"accept": "image/*"}),
    )
    files = MultipleFileField(
        label=_("Files"),
        help_text=format_lazy(
            _("Up to {max} documents (a sketch, an estimate): PDF, JPEG or PNG."), max=MAX_FILES
        ),
        widget=MultipleFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
    client_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    # Filed into a crowdsourcing campaign (/ideas/new/?campaign=<id>); the service checks its stage.
    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.filter(is_published=True),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("There is no such campaign.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories()
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")


class IdeaFilters(forms.Form):
    """The filters the list, the map, its GeoJSON and the feeds share; read without the database.
    An invalid field is shown with its error and left out of the filter."""

    ORDER_CHOICES = [
        ("new", _("newest first")),
        ("support", _("most supported first")),
        ("discussed", _("most discussed first")),
    ]

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words in any form: «парк» also finds «парки» and «парками»."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    category = forms.IntegerField(label=_("Category"), required=False)
    municipality = forms.IntegerField(label=_("Municipality"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("any")), *PUBLIC_STATUSES],
        widget=QuickSelect,
    )
    order = forms.ChoiceField(
        label=_("Order"), required=False, choices=ORDER_CHOICES, widget=QuickSelect
    )
    campaign = forms.IntegerField(label=_("Campaign"), required=False)

    def filters(self) -> dict:
        """Keyword arguments for selectors.idea_list from the valid fields."""
        self.is_valid()
        data = {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in ("", None)}
        return {
            "query": data.get("q", ""),
            "category": data.get("category"),
            "municipality": data.get("municipality"),
            "status": data.get("status"),
            "order": data.get("order", "new"),
            "campaign": data.get("campaign"),
        }


class FilterForm(IdeaFilters):
    """The filters as the pages show them: lists to choose from."""

    category = forms.TypedChoiceField(
        label=_("Category"), coerce=int, required=False, widget=QuickSelect
    )
    municipality = forms.TypedChoiceField(
        label=_("Municipality"), coerce=int, required=False, widget=QuickSelect
    )
    campaign = forms.TypedChoiceField(
        label=_("Campaign"), coerce=int, required=False, widget=QuickSelect
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        anything = ("", _("any"))
        # The reports' cached lists: ideas share their categories (docs/ideas.md).
        choices = filter_choices()
        for name in ("category", "municipality"):
            self.fields[name].choices = [anything, *choices[name]]
        self.fields["campaign"].choices = [
            anything,
            *Campaign.objects.filter(is_published=True).values_list("pk", "title"),
        ]


# --- Staff actions on the idea page ----------------------------------------------------------


class ActionForm(forms.Form):
    """A form of the idea page about `idea`; `prefix_id` keeps its ids unique on the page."""

    prefix_id = "action"
    title = ""

    def __init__(self, *args, idea: Idea, **kwargs):
        kwargs.setdefault("auto_id", f"{self.prefix_id}-%s")
        super().__init__(*args, **kwargs)
        self.idea = idea


class PublishForm(ActionForm):
    prefix_id = "publish"
    title = _("Publish")


class RejectForm(ActionForm):
    prefix_id = "reject"
    title = _("Reject")
    reason = forms.ModelChoiceField(
        label=_("Reason"),
        queryset=IdeaRejectionReason.objects.filter(is_active=True),
        empty_label=_("— choose a reason —"),
        error_messages={"required": _("Choose a reason from the list.")},
    )
    note = _text(
        _("Comment to the author"),
        missing="",
        required=False,
        rows=3,
        help_text=_("Optional; added after the reason."),
    )


class EditForm(ActionForm):
    prefix_id = "edit"
    title = _("Remove personal data")
    headline = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    text = _text(_("Text"), missing=_("The text cannot be empty."), rows=8)


class MergeForm(ActionForm):
    prefix_id = "merge"
    title = _("Merge into another idea")
    into = forms.IntegerField(
        label=_("Number of the idea to merge into"),
        min_value=1,
        error_messages={"required": _("Give the number of the idea.")},
    )


class ConsiderForm(ActionForm):
    prefix_id = "consider"
    title = _("Take under consideration")


class TakeForm(ActionForm):
    prefix_id = "take"
    title = _("Take for implementation")
    agency = forms.ModelChoiceField(
        label=_("Responsible agency"),
        queryset=Agency.objects.none(),
        empty_label=_("— choose an agency —"),
        error_messages={"required": _("Choose the agency that implements the idea.")},
    )
    planned_date = forms.DateField(
        label=_("Planned date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Give the planned date.")},
    )
    answer = _text(_("The authority's answer"), missing=_("Write the answer: what will be done."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_serving(self.idea.municipality)
        self.fields["planned_date"].widget.attrs["min"] = timezone.localdate().isoformat()


class DeclineForm(ActionForm):
    prefix_id = "decline"
    title = _("Decline")
    reason = _text(_("Why it is declined"), missing=_("Say why the idea is declined."))


class ProgressForm(ActionForm):
    prefix_id = "progress"
    title = _("Post a progress update")
    text = _text(_("What has been done"), missing=_("Write what has been done."))
    photos = MultipleFileField(
        label=_("Photos"),
        help_text=format_lazy(_("Up to {max} photos: JPEG, PNG or WebP."), max=MAX_PHOTOS),
        widget=MultipleFileInput(attrs={"accept": "image/*"}),
    )


class ImplementForm(ActionForm):
    prefix_id = "implement"
    title = _("Mark as implemented")
    note = _text(_("Final note"), missing=_("Write the final note: what was done."))


ACTION_FORMS = {
    "publish": PublishForm,
    "reject": RejectForm,
    "edit": EditForm,
    "merge": MergeForm,
    "consider": ConsiderForm,
    "take": TakeForm,
    "decline": DeclineForm,
    "progress": ProgressForm,
    "implement": ImplementForm,
}


class FromReportForm(forms.Form):
    """A moderator turns a report that is a proposal into an idea."""

    report = forms.IntegerField(
        label=_("Report number"),
        min_value=1,
        error_messages={"required": _("Give the number of the report.")},
    )
    title = forms.CharField(
        label=_("Title of the idea"),
        required=False,
        max_length=MAX_TITLE,
        help_text=_("Optional; the report's topic by default."),
    )
