"""Forms of the report page's extras and of catalogue proposals (services do the checking that
matters; these parse and say what is missing in words)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CatalogueProposal, Category, Topic


class PressLinkForm(forms.Form):
    url = forms.URLField(
        label=_("Address of the publication"),
        max_length=500,
        assume_scheme="https",
        error_messages={
            "required": _("Enter the address of the publication."),
            "invalid": _("Enter the address of the publication, starting with https://."),
        },
    )
    title = forms.CharField(
        label=_("Headline"),
        max_length=300,
        error_messages={"required": _("Enter the headline of the publication.")},
    )
    outlet = forms.CharField(
        label=_("Media outlet"),
        max_length=200,
        error_messages={"required": _("Enter the name of the newspaper, site or channel.")},
    )
    published_on = forms.DateField(
        label=_("Date of publication"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Enter the date of publication."),
            "invalid": _("Enter the date as 31.12.2026."),
        },
    )


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you propose?"),
        choices=CatalogueProposal.Kind.choices,
        widget=forms.RadioSelect,
        initial=CatalogueProposal.Kind.TOPIC,
        error_messages={"required": _("Choose whether you propose a topic or a category.")},
    )
    category = forms.ModelChoiceField(
        label=_("Category of the new topic"),
        queryset=Category.objects.filter(is_active=True),
        required=False,
        help_text=_("Only for a new topic."),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=300,
        error_messages={"required": _("Name the topic or category you propose.")},
    )
    reason = forms.CharField(
        label=_("Why is it needed?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say which problems it would let residents report.")},
    )
    optional_unmarked = ("category",)

    def clean(self):
        data = super().clean()
        if data.get("kind") == CatalogueProposal.Kind.TOPIC and not data.get("category"):
            self.add_error("category", _("Choose the category the new topic belongs to."))
        return data


class AcceptProposalForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        required=False,
        help_text=_("Leave empty to create the proposed new category."),
    )
    name = forms.CharField(label=_("Name of the topic"), max_length=300)
    deadline_days = forms.IntegerField(label=_("Answer deadline, days"), min_value=1, max_value=30)
    deadline_kind = forms.ChoiceField(
        label=_("Deadline counted in"), choices=Topic.DeadlineKind.choices
    )


class DeclineProposalForm(forms.Form):
    decline_reason = forms.CharField(
        label=_("Reason for declining"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the proposal is declined.")},
    )
