"""Forms of the template builder and the criteria. They only parse; the services decide and
name what is wrong (`apply_service_errors` puts it on the field of the same name)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .criteria import FORMULAS
from .models import FILE_TYPES, NUMERIC_KINDS, Contest, CriterionSource, Evidence, FieldKind
from .services import CriterionIn, FieldIn

FILE_TYPE_LABELS = {"pdf": "PDF", "jpeg": "JPEG", "png": "PNG"}


class FieldForm(forms.Form):
    """One question of the application form."""

    optional_unmarked = (
        "required",
        "min_value",
        "max_value",
        "max_length",
        "choices",
        "file_types",
        "max_file_mb",
        "evidence",
    )

    kind = forms.ChoiceField(label=_("Kind of field"), choices=FieldKind.choices)
    label = forms.CharField(
        label=_("Label"),
        max_length=200,
        help_text=_("The question the applicant answers, e.g. «Cost of the project, ₽»."),
        error_messages={
            "required": _("Give the field a label: the question the applicant answers.")
        },
    )
    help_text = forms.CharField(
        label=_("Help text"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    required = forms.BooleanField(label=_("Required"), required=False)
    min_value = forms.DecimalField(
        label=_("Minimum"),
        required=False,
        max_digits=16,
        decimal_places=2,
        help_text=_("Numbers and money."),
    )
    max_value = forms.DecimalField(
        label=_("Maximum"),
        required=False,
        max_digits=16,
        decimal_places=2,
        help_text=_("Numbers and money."),
    )
    max_length = forms.IntegerField(
        label=_("Maximum length, characters"), required=False, help_text=_("Text.")
    )
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Single and multiple choice: one choice a line."),
    )
    file_types = forms.MultipleChoiceField(
        label=_("File types"),
        required=False,
        choices=[(code, FILE_TYPE_LABELS[code]) for code in FILE_TYPES],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Files: none chosen means PDF, JPEG and PNG."),
    )
    max_file_mb = forms.IntegerField(
        label=_("Maximum file size, MB"), required=False, help_text=_("Files.")
    )
    evidence = forms.ChoiceField(
        label=_("The file holds"),
        required=False,
        choices=Evidence.choices,
        help_text=_("Files: the evidence the programme asks for."),
    )

    def __init__(self, *args, prefix_id: str = "field", **kwargs):
        kwargs.setdefault("auto_id", f"{prefix_id}-%s")
        super().__init__(*args, **kwargs)

    @classmethod
    def for_field(cls, field, *args, **kwargs) -> "FieldForm":
        initial = {
            "kind": field.kind,
            "label": field.label,
            "help_text": field.help_text,
            "required": field.required,
            "min_value": field.min_value,
            "max_value": field.max_value,
            "max_length": field.max_length,
            "choices": "\n".join(field.choices),
            "file_types": [t for t in field.file_types.split(",") if t],
            "max_file_mb": field.max_file_mb,
            "evidence": field.evidence,
        }
        return cls(*args, initial=initial, **kwargs)

    def spec(self) -> FieldIn:
        data = self.cleaned_data
        return FieldIn(
            kind=data["kind"],
            label=data["label"],
            help_text=data["help_text"],
            required=data["required"],
            min_value=data["min_value"],
            max_value=data["max_value"],
            max_length=data["max_length"],
            choices=tuple(line for line in data["choices"].splitlines() if line.strip()),
            file_types=tuple(data["file_types"]),
            max_file_mb=data["max_file_mb"],
            evidence=data["evidence"] or "",
        )


class CopyForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Copy the template of"),
        queryset=Contest.objects.none(),
        empty_label=_("— choose a contest —"),
        help_text=_("Its fields replace the draft's fields."),
        error_messages={"required": _("Choose another contest to copy from.")},
    )

    def __init__(self, *args, sources=None, **kwargs):
        kwargs.setdefault("auto_id", "copy-%s")
        super().__init__(*args, **kwargs)
        if sources is not None:
            self.fields["source"].queryset = sources


class CriterionForm(forms.Form):
    optional_unmarked = ("description", "formula", "field_key")

    title = forms.CharField(
        label=_("Criterion"), max_length=200, error_messages={"required": _("Name the criterion.")}
    )
    description = forms.CharField(
        label=_("How it is judged"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    max_score = forms.DecimalField(
        label=_("Maximum score"),
        max_digits=6,
        decimal_places=2,
        error_messages={"required": _("Give the maximum score.")},
    )
    weight = forms.DecimalField(
        label=_("Weight"),
        max_digits=6,
        decimal_places=2,
        initial=1,
        error_messages={"required": _("Give the weight.")},
        help_text=_("The score is multiplied by it in the total."),
    )
    source = forms.ChoiceField(
        label=_("Scored"),
        choices=CriterionSource.choices,
        widget=forms.RadioSelect,
        initial=CriterionSource.EXPERTS,
    )
    formula = forms.ChoiceField(
        label=_("Formula"),
        required=False,
        help_text=_("For a computed criterion."),
    )
    field_key = forms.ChoiceField(
        label=_("Field the formula reads"),
        required=False,
        help_text=_("A number field of the template (e.g. the number of beneficiaries)."),
    )

    def __init__(self, *args, contest: Contest, **kwargs):
        kwargs.setdefault("auto_id", "criterion-%s")
        super().__init__(*args, **kwargs)
        self.fields["formula"].choices = [("", _("— none —"))] + [
            (code, formula.label) for code, formula in FORMULAS.items()
        ]
        from .models import TemplateField

        numbers = (
            TemplateField.objects.filter(version__contest=contest, kind__in=NUMERIC_KINDS)
            .order_by("key", "-version__number")
            .values_list("key", "label")
        )
        seen: dict[str, str] = {}
        for key, label in numbers:
            seen.setdefault(key, label)
        self.fields["field_key"].choices = [("", _("— none —"))] + list(seen.items())

    @classmethod
    def for_criterion(cls, criterion, *args, **kwargs) -> "CriterionForm":
        initial = {
            name: getattr(criterion, name)
            for name in ("title", "description", "max_score", "weight", "source", "formula")
        }
        initial["field_key"] = criterion.field_key
        return cls(*args, initial=initial, contest=criterion.contest, **kwargs)

    def spec(self) -> CriterionIn:
        data = self.cleaned_data
        return CriterionIn(
            title=data["title"],
            description=data["description"],
            max_score=data["max_score"],
            weight=data["weight"],
            source=data["source"],
            formula=data["formula"],
            field_key=data["field_key"],
        )


class ChecklistForm(forms.Form):
    text = forms.CharField(
        label=_("What the reviewer checks"),
        max_length=300,
        help_text=_("E.g. «The minutes of the meeting are signed by at least 10 residents»."),
        error_messages={"required": _("Write what the reviewer checks.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "checklist-%s")
        super().__init__(*args, **kwargs)
