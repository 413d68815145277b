"""Forms of groups and applications. The application form is built from the template version
the application is written on: one control per field, named `answer-<key>` so the services'
errors (by the same names) land on it; then the cost and the co-financing by source."""

from decimal import Decimal

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from veche.territory.models import Municipality, Settlement

from .models import SOURCE_LABELS, SOURCES, Application, FieldKind, RejectionReason
from .services.applications import Money


class GroupForm(forms.Form):
    name = forms.CharField(
        label=_("Group name"),
        max_length=200,
        help_text=_("E.g. «Residents of Lenina street, 5»."),
        error_messages={"required": _("Name the group, e.g. after its yard or street.")},
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        empty_label=_("— choose a municipality —"),
        error_messages={"required": _("Choose the municipality where the group works.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "group-%s")
        super().__init__(*args, **kwargs)


class IdeaForm(forms.Form):
    idea = forms.ModelChoiceField(
        label=_("The group's idea"),
        queryset=None,
        empty_label=_("— choose an idea —"),
        help_text=_("A published idea of a member, discussed on its page."),
        error_messages={"required": _("Choose the idea.")},
    )

    def __init__(self, *args, ideas, **kwargs):
        kwargs.setdefault("auto_id", "idea-%s")
        super().__init__(*args, **kwargs)
        self.fields["idea"].queryset = ideas


class LeaderForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("The new leader"),
        queryset=None,
        empty_label=_("— choose a member —"),
        help_text=_("He submits the group's applications from now on; you stay a member."),
        error_messages={"required": _("Choose a member of the group.")},
    )

    def __init__(self, *args, group, **kwargs):
        kwargs.setdefault("auto_id", "leader-%s")
        super().__init__(*args, **kwargs)
        from veche.accounts.models import User

        self.fields["member"].queryset = (
            User.objects.filter(group_memberships__group=group)
            .exclude(pk=group.leader_id)
            .order_by("last_name", "first_name", "pk")
        )
        self.fields["member"].label_from_instance = lambda user: user.public_name


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Leave it empty to get a link you pass on yourself. Valid for 14 days."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "invite-%s")
        super().__init__(*args, **kwargs)


class StartForm(forms.Form):
    """Start an application: the contest (for a group) and the project's title."""

    contest = forms.ModelChoiceField(
        label=_("Contest"),
        queryset=None,
        empty_label=_("— choose a contest —"),
        error_messages={"required": _("Choose the contest.")},
    )
    title = forms.CharField(
        label=_("Project title"),
        max_length=200,
        error_messages={"required": _("Give the project a title.")},
    )
    municipality = forms.ModelChoiceField(
        label=_("Applicant municipality"), queryset=Municipality.objects.none(), required=False
    )

    def __init__(self, *args, contests, municipalities=None, **kwargs):
        kwargs.setdefault("auto_id", "start-%s")
        super().__init__(*args, **kwargs)
        self.fields["contest"].queryset = contests
        if municipalities is None:
            del self.fields["municipality"]
        else:
            self.fields["municipality"].queryset = municipalities
            self.fields["municipality"].required = True


def _control(field) -> forms.Field:
    common = {"label": field.label, "help_text": field.help_text, "required": False}
    kind = field.kind
    if kind == FieldKind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), **common)
    if kind in (FieldKind.NUMBER, FieldKind.MONEY):
        return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common)
    if kind == FieldKind.DATE:
        return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == FieldKind.FILE:
        types = ",".join("." + t.replace("jpeg", "jpg") for t in field.accepted_types())
        return forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": types}), **common)
    if kind == FieldKind.SINGLE_CHOICE:
        return forms.ChoiceField(
            choices=[(c, c) for c in field.choices], widget=forms.RadioSelect, **common
        )
    if kind == FieldKind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=[(c, c) for c in field.choices], widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == FieldKind.LOCATION:
        common["help_text"] = (field.help_text + " " if field.help_text else "") + str(
            _("Latitude and longitude, e.g. 61.2540, 73.3962.")
        )
        return forms.CharField(**common)
    return forms.CharField(**common)


def answer_name(key: str) -> str:
    return f"answer-{key}"


def settlement_name(key: str) -> str:
    return f"answer-{key}-settlement"


def _settlement(field, municipality) -> forms.ModelChoiceField:
    """Without the map and coordinates: a settlement of the application's municipality, whose
    centre is then the point (as the report form does)."""
    choice = forms.ModelChoiceField(
        queryset=Settlement.objects.filter(municipality=municipality).order_by("name"),
        empty_label=_("— choose a settlement —"),
        required=False,
        label=format_lazy("{}: {}", field.label, _("or the settlement")),
        help_text=_("If you do not know the coordinates: the point is then its centre."),
    )
    choice.label_from_instance = lambda settlement: settlement.name
    return choice


class ApplicationForm(forms.Form):
    """What the applicant fills in; required marks follow the template (checked on submission)."""

    title = forms.CharField(label=_("Project title"), max_length=200)
    cost = forms.DecimalField(label=_("Cost of the project, ₽"), min_value=0, decimal_places=2)

    def __init__(self, *args, application: Application, **kwargs):
        kwargs.setdefault("auto_id", "application-%s")
        super().__init__(*args, **kwargs)
        self.application = application
        self.template_fields = list(application.version.fields.order_by("position"))
        for field in self.template_fields:
            self.fields[answer_name(field.key)] = _control(field)
            if field.kind == FieldKind.LOCATION:
                self.fields[settlement_name(field.key)] = _settlement(
                    field, application.municipality
                )
        # Required by the template (checked on submission, not on saving a draft): unmarked,
        # while the template's optional fields say «(необязательно)».
        self.optional_unmarked = ("cost", *self.required_keys())
        for source in SOURCES:
            self.fields[f"amount_{source}"] = forms.DecimalField(
                label=SOURCE_LABELS[source],
                min_value=0,
                decimal_places=2,
                required=False,
                initial=Decimal(0),
            )
        if not self.is_bound:
            self.initial.update(self._initial())

    def _initial(self) -> dict:
        application = self.application
        initial = {"title": application.title, "cost": application.cost}
        initial |= {f"amount_{s}": v for s, v in application.amounts().items()}
        for field in self.template_fields:
            value = application.answers.get(field.key)
            if field.kind == FieldKind.LOCATION and isinstance(value, dict):
                value = f"{value['lat']}, {value['lon']}"
            initial[answer_name(field.key)] = value
        return initial

    def required_keys(self) -> set[str]:
        return {answer_name(f.key) for f in self.template_fields if f.required}

    def answer_fields(self) -> list:
        return [self[answer_name(f.key)] for f in self.template_fields]

    @property
    def has_location(self) -> bool:
        return any(f.kind == FieldKind.LOCATION for f in self.template_fields)

    def answer_rows(self) -> list[tuple]:
        """(the answer's bound field, the settlement's for a point or None) in the form's order."""
        return [
            (
                self[answer_name(f.key)],
                self[settlement_name(f.key)] if f.kind == FieldKind.LOCATION else None,
            )
            for f in self.template_fields
        ]

    def money_fields(self) -> list:
        return [self[f"amount_{s}"] for s in SOURCES]

    def answers(self) -> dict:
        data = self.cleaned_data
        answers = {}
        for field in self.template_fields:
            if field.kind != FieldKind.FILE:
                answers[field.key] = data.get(answer_name(field.key))
            settlement = data.get(settlement_name(field.key))
            if field.kind == FieldKind.LOCATION and not answers[field.key] and settlement:
                answers[field.key] = {"lat": settlement.centre_lat, "lon": settlement.centre_lon}
        return answers

    def uploads(self) -> dict:
        return {
            f.key: self.cleaned_data[answer_name(f.key)]
            for f in self.template_fields
            if f.kind == FieldKind.FILE and self.cleaned_data.get(answer_name(f.key))
        }

    def money(self) -> Money:
        data = self.cleaned_data
        amounts = {s: data.get(f"amount_{s}") or Decimal(0) for s in SOURCES}
        return Money(data.get("cost") or Decimal(0), amounts)


class RevisionForm(forms.Form):
    """The reviewer's remarks by field, a general one, and the working days to correct."""

    general = forms.CharField(
        label=_("General remark"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    days = forms.IntegerField(
        label=_("Working days to correct"), min_value=1, max_value=30, initial=5
    )

    def __init__(self, *args, application: Application, **kwargs):
        kwargs.setdefault("auto_id", "revision-%s")
        super().__init__(*args, **kwargs)
        self.optional_unmarked = ("days",)
        self.keys = []
        for field in application.version.fields.order_by("position"):
            name = f"remark-{field.key}"
            self.fields[name] = forms.CharField(
                label=field.label, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.keys.append(field.key)

    def remarks(self) -> dict[str, str]:
        data = self.cleaned_data
        remarks = {key: data.get(f"remark-{key}", "") for key in self.keys}
        remarks[""] = data.get("general", "")
        return remarks


class RejectForm(forms.Form):
    reason = forms.ModelChoiceField(
        label=_("Reason"),
        queryset=RejectionReason.objects.filter(is_active=True),
        empty_label=_("— choose a reason —"),
        error_messages={"required": _("Choose the reason from the list.")},
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "reject-%s")
        super().__init__(*args, **kwargs)
        self.fields["reason"].label_from_instance = lambda reason: _(reason.text)


class ReviewerForm(forms.Form):
    email = forms.EmailField(
        label=_("Reviewer's e-mail"),
        error_messages={"required": _("Enter the reviewer's e-mail.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "reviewer-%s")
        super().__init__(*args, **kwargs)
