"""Forms of the organizer's pages. Each only parses input; the services decide and explain what
is allowed (their field-named errors land here through core's `apply_service_errors`)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from veche.territory.models import Municipality

from . import stages as stage_registry
from .models import SOURCE_LABELS, SOURCES, Contest, share_field
from .services import StageIn, Terms
from .services.contests import MAX_DOCUMENT_TITLE, MAX_TITLE, stage_field

MOMENT_FORMAT = "%Y-%m-%dT%H:%M"


def _money(label, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=14, decimal_places=2, min_value=Decimal("0.01"), **kwargs
    )


class ContestForm(forms.Form):
    """The builder's terms: title, rules, territory, money, co-financing, applicants."""

    optional_unmarked = ("accepts_groups", "accepts_municipalities", "accepts_individuals")

    title = forms.CharField(
        label=_("Title"),
        max_length=MAX_TITLE,
        help_text=_("For example, «Initiative budgeting of Surgut 2027»."),
        error_messages={"required": _("Give the contest a title.")},
    )
    rules = forms.CharField(
        label=_("Rules"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Who may apply, what projects qualify, how they are chosen. Paragraphs, lists, "
            "headings, tables and links are kept (HTML); anything else is removed."
        ),
    )
    municipality = forms.ModelChoiceField(
        label=_("Territory"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("the whole region (a regional contest)"),
        help_text=_("A municipal contest, or a regional one where municipalities apply."),
    )
    budget = _money(
        _("Budget, ₽"),
        error_messages={"required": _("The budget must be a positive sum of money.")},
    )
    subsidy_cap = _money(
        _("Subsidy cap per project, ₽"),
        required=False,
        help_text=_("The most one project may receive from the contest's budget."),
    )
    quota_per_municipality = forms.IntegerField(
        label=_("Applications per municipality"),
        required=False,
        min_value=1,
        help_text=_("Regional contests only: how many applications each municipality submits."),
    )
    accepts_groups = forms.BooleanField(label=_("Initiative groups of residents"), required=False)
    accepts_municipalities = forms.BooleanField(
        label=_("Municipalities (regional contests)"), required=False
    )
    accepts_individuals = forms.BooleanField(label=_("Individuals"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "contest-%s")
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        for source in SOURCES:
            self.fields[share_field(source)] = forms.DecimalField(
                label=_("Minimum share: %(source)s, %%") % {"source": SOURCE_LABELS[source]},
                required=False,
                max_digits=5,
                decimal_places=2,
                min_value=0,
                max_value=100,
            )

    @classmethod
    def for_contest(cls, contest: Contest, *args, **kwargs) -> "ContestForm":
        initial = {
            "title": contest.title,
            "rules": contest.rules,
            "municipality": contest.municipality,
            "budget": contest.budget,
            "subsidy_cap": contest.subsidy_cap,
            "quota_per_municipality": contest.quota_per_municipality,
            "accepts_groups": contest.accepts_groups,
            "accepts_municipalities": contest.accepts_municipalities,
            "accepts_individuals": contest.accepts_individuals,
            **{share_field(s): v for s, v in contest.min_shares().items()},
        }
        return cls(*args, initial=initial, **kwargs)

    def share_fields(self) -> list:
        return [self[share_field(source)] for source in SOURCES]

    def terms(self) -> Terms:
        data = self.cleaned_data
        return Terms(
            title=data["title"],
            rules=data["rules"],
            municipality=data["municipality"],
            budget=data["budget"],
            subsidy_cap=data["subsidy_cap"],
            min_shares={s: data.get(share_field(s)) for s in SOURCES},
            quota_per_municipality=data["quota_per_municipality"],
            accepts_groups=data["accepts_groups"],
            accepts_municipalities=data["accepts_municipalities"],
            accepts_individuals=data["accepts_individuals"],
        )


def _moment(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=MOMENT_FORMAT),
        input_formats=[MOMENT_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        required=False,  # the service names the stage in its message
        help_text=_("Local time of the region."),
    )


class StagesForm(forms.Form):
    """A row per kind of stage the platform offers: take it or not, its place, its dates."""

    def __init__(self, *args, contest: Contest | None = None, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        current = {s.kind: s for s in contest.ordered_stages()} if contest else {}
        for kind in stage_registry.stage_kinds():
            chosen = current.get(kind.code)
            self.fields[stage_field(kind.code, "use")] = forms.BooleanField(
                label=_("Include"), required=False, initial=chosen is not None
            )
            self.fields[stage_field(kind.code, "order")] = forms.IntegerField(
                label=_("Order"),
                required=False,
                min_value=1,
                max_value=20,
                initial=chosen.position if chosen else None,
                widget=forms.NumberInput(attrs={"class": "narrow"}),
            )
            self.fields[stage_field(kind.code, "start")] = _moment(_("Start"))
            self.fields[stage_field(kind.code, "end")] = _moment(_("End"))
            if chosen:
                self.initial[stage_field(kind.code, "start")] = chosen.starts_at
                self.initial[stage_field(kind.code, "end")] = chosen.ends_at
        # Each field is needed only with the others of its row (the service names what lacks).
        self.optional_unmarked = tuple(self.fields)

    def rows(self) -> list[tuple[str, list]]:
        """(stage label, [its bound fields]) for the template's fieldsets."""
        return [
            (
                kind.label,
                [self[stage_field(kind.code, part)] for part in ("use", "order", "start", "end")],
            )
            for kind in stage_registry.stage_kinds()
        ]

    def stages(self) -> list[StageIn]:
        """The chosen stages in the organizer's order (by the order given, then by start)."""
        data = self.cleaned_data
        chosen = [
            k.code for k in stage_registry.stage_kinds() if data.get(stage_field(k.code, "use"))
        ]

        def place(code: str):
            order = data.get(stage_field(code, "order"))
            start = data.get(stage_field(code, "start"))
            return (order is None, order or 0, start is None, start.timestamp() if start else 0)

        return [
            StageIn(code, data.get(stage_field(code, "start")), data.get(stage_field(code, "end")))
            for code in sorted(chosen, key=place)
        ]


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Document title"),
        max_length=MAX_DOCUMENT_TITLE,
        error_messages={"required": _("Name the document.")},
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG."),
        error_messages={"required": _("Choose the file.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "document-%s")
        super().__init__(*args, **kwargs)
