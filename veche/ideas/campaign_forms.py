"""Forms of the campaign pages. Each only parses input; the services decide and explain what is
allowed (their field-named errors land on these fields through core's `apply_service_errors`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from veche.accounts.models import User
from veche.territory.models import Municipality

from .models import STAGES, Campaign, Idea, Stage
from .models.campaign import STAGE_FIELDS, end_field, start_field
from .services.campaigns import MAX_AWARD, MAX_DESCRIPTION, MAX_REASON, MAX_TITLE, award_field
from .services.ratings import MAX_COMMENT, RATINGS

MOMENT_FORMAT = "%Y-%m-%dT%H:%M"


def _moment(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=MOMENT_FORMAT),
        input_formats=[MOMENT_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        # Left to the service, which names the stage in its message.
        required=False,
        help_text=_("Date and time, local time of the region."),
    )


class CampaignForm(forms.Form):
    """The organizer's form: the theme, the text, the territory, a cover and the four stages."""

    # Every stage's dates are needed (the service names what is missing); a checkbox is no choice.
    optional_unmarked = (*STAGE_FIELDS, "is_published")

    title = forms.CharField(
        label=_("Theme"),
        max_length=MAX_TITLE,
        help_text=_("For example, «What should the new park by the river be like?»."),
        error_messages={"required": _("Give the campaign a theme.")},
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What ideas the campaign asks for, what the winners receive, who decides."),
        error_messages={"required": _("Describe the campaign: what ideas it asks for and why.")},
    )
    municipality = forms.ModelChoiceField(
        label=_("Territory"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("the whole region"),
        help_text=_("A municipality, or the whole region."),
    )
    cover = forms.FileField(
        label=_("Cover image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=_("JPEG, PNG or WebP; location data is removed."),
    )
    is_published = forms.BooleanField(
        label=_("Published"),
        required=False,
        help_text=_("Residents see the campaign only once it is published."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "campaign-%s")
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        for stage in STAGES:
            self.fields[start_field(stage)] = _moment(_("Start"))
            self.fields[end_field(stage)] = _moment(_("End"))

    def stages(self) -> list[tuple[str, list]]:
        """(stage label, [its start and end bound fields]) for the template's fieldsets."""
        return [
            (Stage(stage).label, [self[start_field(stage)], self[end_field(stage)]])
            for stage in STAGES
        ]

    @classmethod
    def initial_from(cls, campaign: Campaign) -> dict:
        names = ["title", "description", "municipality", "is_published"]
        initial = {name: getattr(campaign, name) for name in names}
        for stage in STAGES:
            for name in (start_field(stage), end_field(stage)):
                initial[name] = getattr(campaign, name)
        return initial

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "municipality": data["municipality"],
            "cover": data.get("cover") or None,
            "is_published": data["is_published"],
            "stages": {
                name: data.get(name)
                for stage in STAGES
                for name in (start_field(stage), end_field(stage))
            },
        }


class ExpertForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail of the expert"),
        help_text=_("A person with the role «expert» in the campaign's territory."),
        error_messages={"required": _("Give the expert's e-mail.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "expert-%s")
        super().__init__(*args, **kwargs)

    def expert(self) -> User | None:
        return User.objects.filter(
            email__iexact=self.cleaned_data["email"], is_active=True, deleted_at__isnull=True
        ).first()


class RatingForm(forms.Form):
    """A rating of one idea: five radio buttons and a button (no JavaScript needed)."""

    value = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(n, str(n)) for n in RATINGS],
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "rating-choices"}),
        help_text=_("From 1 (weak) to 5 (excellent)."),
        error_messages={
            "required": _("Rate the idea from 1 to 5."),
            "invalid_choice": _("Rate the idea from 1 to 5."),
        },
    )

    def __init__(self, *args, idea: Idea, **kwargs):
        kwargs.setdefault("auto_id", f"rate-{idea.pk}-%s")
        super().__init__(*args, **kwargs)
        self.idea = idea
        self.summary_id = f"rate-{idea.pk}"
        # Many ideas on one page: each group of radios names its idea.
        self.fields["value"].label = _("Your rating of «%(title)s»") % {"title": idea.title}


class VerdictForm(forms.Form):
    """An expert's verdict on one idea."""

    selected = forms.TypedChoiceField(
        label=_("Your choice"),
        choices=[("yes", _("selected")), ("no", _("not selected"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the idea is selected.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why: the organizer reads it when choosing the winners."),
        error_messages={"required": _("Explain your choice in a comment.")},
    )

    def __init__(self, *args, idea: Idea, **kwargs):
        kwargs.setdefault("auto_id", f"verdict-{idea.pk}-%s")
        super().__init__(*args, **kwargs)
        self.idea = idea
        self.summary_id = f"verdict-{idea.pk}"
        self.fields["selected"].label = _("Your choice on «%(title)s»") % {"title": idea.title}


class ResultsForm(forms.Form):
    """The winners: for each idea of the shortlist, an award and why (both empty: not a winner)."""

    def __init__(self, *args, ideas: list[Idea], **kwargs):
        kwargs.setdefault("auto_id", "results-%s")
        super().__init__(*args, **kwargs)
        self.ideas = ideas
        for idea in ideas:
            self.fields[award_field("award", idea.pk)] = forms.CharField(
                label=_("Award"),
                required=False,
                max_length=MAX_AWARD,
                help_text=_("For example, «Diploma of the first degree» or «The idea is built»."),
            )
            self.fields[award_field("reason", idea.pk)] = forms.CharField(
                label=_("Why"),
                required=False,
                max_length=MAX_REASON,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[tuple[Idea, object, object]]:
        return [
            (idea, self[award_field("award", idea.pk)], self[award_field("reason", idea.pk)])
            for idea in self.ideas
        ]

    def awards(self) -> list[tuple[Idea, str, str]]:
        """The ideas given an award or a reason (the service checks that both are there)."""
        data = self.cleaned_data
        chosen = []
        for idea in self.ideas:
            award = data.get(award_field("award", idea.pk), "")
            reason = data.get(award_field("reason", idea.pk), "")
            if award.strip() or reason.strip():
                chosen.append((idea, award, reason))
        return chosen
