"""Forms of the poll pages. Each only parses input; the services decide and explain what is
allowed (their field-named errors land on these fields through core's `apply_service_errors`).

The ballot form is built from the poll's questions: a field `question_<id>` per question asked
(radios, checkboxes, a scale's radios, a select per option for a ranking, a text area), an
«other» text beside a choice that allows it, and the optional demographics block."""

from django import forms
from django.utils.translation import gettext_lazy as _

from veche.territory.models import Municipality, Settlement

from .models import (
    AgeGroup,
    Eligibility,
    Measure,
    Option,
    Poll,
    Question,
    QuestionKind,
    ResultsVisibility,
    Sex,
)
from .selectors import option_label
from .services import Demographics, PollIn, QuestionIn, Response
from .services.polls import MAX_DESCRIPTION, MAX_TITLE

MOMENT_FORMAT = "%Y-%m-%dT%H:%M"
MAX_TEXT = 1000


def _moment(label, help_text) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=MOMENT_FORMAT),
        input_formats=[MOMENT_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        required=False,  # the service says what is missing or out of order
        help_text=help_text,
    )


# --- Filters ----------------------------------------------------------------------------------


class PollFilters(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Territory"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("all"),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")

    def chosen_municipality(self) -> Municipality | None:
        return self.cleaned_data.get("municipality") if self.is_valid() else None


# --- The organizer's editor --------------------------------------------------------------------


class PollForm(forms.Form):
    optional_unmarked = ("opens_at", "closes_at", "asks_demographics", "is_satisfaction_survey")

    title = forms.CharField(
        label=_("Title"),
        max_length=MAX_TITLE,
        help_text=_("The question residents decide, e.g. «Which park should be improved first?»."),
        error_messages={"required": _("Give the poll a title.")},
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=MAX_DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why the poll is held and what will be done with its results."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Territory"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("the whole region"),
    )
    cover = forms.FileField(
        label=_("Cover image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=_("JPEG, PNG or WebP; location data is removed."),
    )
    eligibility = forms.ChoiceField(
        label=_("Who may vote"),
        choices=Eligibility.choices,
        widget=forms.RadioSelect,
        initial=Eligibility.REGISTERED,
        help_text=_("Residents of the territory: by the settlement in their profile."),
    )
    results_visibility = forms.ChoiceField(
        label=_("When the results are shown"),
        choices=ResultsVisibility.choices,
        widget=forms.RadioSelect,
        initial=ResultsVisibility.AFTER_CLOSING,
    )
    asks_demographics = forms.BooleanField(
        label=_("Ask the voter's age group, sex and settlement kind (a survey)"),
        required=False,
    )
    is_satisfaction_survey = forms.BooleanField(
        label=_("The territory's satisfaction survey"),
        required=False,
        help_text=_(
            "Mark, in its questions, which measures satisfaction with the authorities and which "
            "loyalty, and which of their answers count as positive."
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "poll-%s")
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        hint = _("Date and time, local time of the region.")
        self.fields["opens_at"] = _moment(_("Opens"), hint)
        self.fields["closes_at"] = _moment(_("Closes"), hint)
        self.order_fields(
            ["title", "description", "municipality", "cover", "opens_at", "closes_at"]
        )

    @classmethod
    def initial_from(cls, poll: Poll) -> dict:
        names = [
            "title",
            "description",
            "municipality",
            "opens_at",
            "closes_at",
            "eligibility",
            "results_visibility",
            "asks_demographics",
            "is_satisfaction_survey",
        ]
        return {name: getattr(poll, name) for name in names}

    def poll_in(self) -> PollIn:
        data = self.cleaned_data
        return PollIn(
            title=data["title"],
            description=data["description"],
            municipality=data["municipality"],
            opens_at=data.get("opens_at"),
            closes_at=data.get("closes_at"),
            eligibility=data["eligibility"],
            results_visibility=data["results_visibility"],
            asks_demographics=data["asks_demographics"],
            is_satisfaction_survey=data["is_satisfaction_survey"],
        )


class QuestionForm(forms.Form):
    optional_unmarked = ("is_required", "allows_other")

    text = forms.CharField(
        label=_("Question"), max_length=500, error_messages={"required": _("Write the question.")}
    )
    hint = forms.CharField(label=_("Hint"), max_length=500, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    is_required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One option per line (a choice or a ranking). A scale makes its own points."),
    )
    max_choices = forms.IntegerField(
        label=_("At most this many choices"),
        required=False,
        min_value=1,
        help_text=_("Multiple choice only; empty: any number."),
    )
    scale_max = forms.IntegerField(
        label=_("Scale from 1 up to"), required=False, min_value=2, max_value=10
    )
    scale_min_label = forms.CharField(label=_("Words at 1"), max_length=100, required=False)
    scale_max_label = forms.CharField(label=_("Words at the top"), max_length=100, required=False)
    allows_other = forms.BooleanField(label=_("Offer «other (your answer)»"), required=False)
    shown_if = forms.ModelChoiceField(
        label=_("Ask only if this answer was chosen"),
        queryset=Option.objects.none(),
        required=False,
        empty_label=_("always ask"),
    )
    measures = forms.ChoiceField(
        label=_("In a satisfaction survey, it measures"), choices=Measure.choices, required=False
    )

    def __init__(self, *args, poll: Poll, question: Question | None = None, **kwargs):
        kwargs.setdefault("auto_id", "question-%s")
        super().__init__(*args, **kwargs)
        earlier = Option.objects.filter(
            question__poll=poll,
            question__kind__in=(QuestionKind.SINGLE, QuestionKind.MULTIPLE),
            is_other=False,
        ).select_related("question")
        if question is not None:
            earlier = earlier.filter(question__position__lt=question.position)
        self.fields["shown_if"].queryset = earlier.order_by("question__position", "position")
        self.fields["shown_if"].label_from_instance = lambda o: f"{o.question.text} → {o.text}"
        if not poll.is_satisfaction_survey:
            del self.fields["measures"]

    @classmethod
    def initial_from(cls, question: Question) -> dict:
        names = [
            "text",
            "hint",
            "kind",
            "is_required",
            "max_choices",
            "scale_max",
            "scale_min_label",
            "scale_max_label",
            "allows_other",
            "shown_if",
            "measures",
        ]
        initial = {name: getattr(question, name) for name in names}
        if question.kind != QuestionKind.SCALE:
            initial["options"] = "\n".join(o.text for o in question.options.all() if not o.is_other)
        return initial

    def question_in(self) -> QuestionIn:
        data = self.cleaned_data
        return QuestionIn(
            text=data["text"],
            hint=data["hint"],
            kind=data["kind"],
            is_required=data["is_required"],
            options=data["options"].splitlines(),
            max_choices=data["max_choices"],
            scale_max=data["scale_max"],
            scale_min_label=data["scale_min_label"],
            scale_max_label=data["scale_max_label"],
            allows_other=data["allows_other"],
            shown_if=data["shown_if"],
            measures=data.get("measures") or "",
        )


class OptionForm(forms.Form):
    image = forms.FileField(
        label=_("Image"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/*"}),
        help_text=_("JPEG, PNG or WebP; location data is removed."),
    )
    remove_image = forms.BooleanField(label=_("Remove the image"), required=False)
    is_positive = forms.BooleanField(label=_("Counts as a positive answer"), required=False)


# --- The ballot --------------------------------------------------------------------------------


class RankingWidget(forms.MultiWidget):
    """A select of places per option, each labelled with its option (template ranking.html)."""

    template_name = "polls/widgets/ranking.html"

    def __init__(self, labels: list[str], places: int):
        self.labels = labels
        choices = [("", "—"), *[(str(n), str(n)) for n in range(1, places + 1)]]
        super().__init__([forms.Select(choices=choices) for _label in labels])

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(context["widget"]["subwidgets"], self.labels, strict=True):
            subwidget["label"] = label
        return context

    def decompress(self, value):
        return value or [None] * len(self.labels)


class RankingField(forms.MultiValueField):
    """Places given to the options → option ids, best first. Anything but a full, distinct
    ranking gives the ids found, and the service names the question's problem."""

    def __init__(self, options: list[Option], **kwargs):
        self.option_ids = [o.pk for o in options]
        places = [str(n) for n in range(1, len(options) + 1)]
        fields = [
            forms.ChoiceField(choices=[(p, p) for p in places], required=False) for _o in options
        ]
        super().__init__(
            fields,
            widget=RankingWidget([option_label(o) for o in options], len(options)),
            require_all_fields=False,
            required=False,
            **kwargs,
        )

    def compress(self, data_list):
        places = [(int(p), o) for p, o in zip(data_list or [], self.option_ids, strict=False) if p]
        ordered = [o for _p, o in sorted(places)]
        if len({p for p, _o in places}) != len(places):
            # Two options in one place: not a ranking of them all, which the service refuses.
            return ordered[:-1]
        return ordered


def _choices(question: Question) -> list[tuple[str, str]]:
    return [(str(option.pk), option_label(option, question)) for option in question.options.all()]


def question_field(question: Question) -> forms.Field:
    required = question.is_required and question.shown_if_id is None
    common = {
        "label": question.text,
        "help_text": question.hint,
        "required": required and question.kind != QuestionKind.RANKING,
        "error_messages": {
            "required": _("Answer the question «%(question)s».") % {"question": question.text}
        },
    }
    if question.kind == QuestionKind.TEXT:
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_TEXT}), strip=True, **common
        )
    if question.kind == QuestionKind.RANKING:
        common.pop("error_messages")
        common["help_text"] = question.hint or _("Give each option its own place: 1 is the best.")
        return RankingField(
            list(question.options.all()), **{k: v for k, v in common.items() if k != "required"}
        )
    if question.kind == QuestionKind.MULTIPLE:
        if question.max_choices:
            common["help_text"] = question.hint or _("Choose at most %(max)d.") % {
                "max": question.max_choices
            }
        return forms.MultipleChoiceField(
            choices=_choices(question), widget=forms.CheckboxSelectMultiple, **common
        )
    return forms.ChoiceField(choices=_choices(question), widget=forms.RadioSelect, **common)


def other_field_name(question: Question) -> str:
    return f"question_{question.pk}_other"


class BallotForm(forms.Form):
    """The ballot of the questions asked on this step; `asked` lists them for the next one."""

    asked = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, poll: Poll, questions: list[Question], **kwargs):
        kwargs.setdefault("auto_id", "ballot-%s")
        super().__init__(*args, **kwargs)
        self.poll, self.questions = poll, questions
        self.optional_unmarked = []
        for question in questions:
            name = f"question_{question.pk}"
            self.fields[name] = question_field(question)
            if question.kind == QuestionKind.RANKING and question.is_required:
                self.optional_unmarked.append(name)
            if question.allows_other:
                self.fields[other_field_name(question)] = forms.CharField(
                    label=_("Your answer, if «other»"),
                    required=False,
                    widget=forms.TextInput(attrs={"maxlength": MAX_TEXT}),
                )
                self.optional_unmarked.append(other_field_name(question))
        self.fields["asked"].initial = ",".join(str(q.pk) for q in questions)
        if poll.asks_demographics:
            self.fields["age_group"] = forms.ChoiceField(
                label=_("Age group"),
                choices=AgeGroup.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields["sex"] = forms.ChoiceField(
                label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect, required=False
            )
            self.fields["settlement_kind"] = forms.ChoiceField(
                label=_("Where you live"),
                choices=Settlement.Kind.choices,
                widget=forms.RadioSelect,
                required=False,
            )

    def rows(self):
        """(question, its bound field, its «other» field or None) in order."""
        for question in self.questions:
            other = self[other_field_name(question)] if question.allows_other else None
            yield question, self[f"question_{question.pk}"], other

    def demographic_fields(self):
        return [
            self[name] for name in ("age_group", "sex", "settlement_kind") if name in self.fields
        ]

    def responses(self) -> dict[int, Response]:
        data = self.cleaned_data
        answers = {}
        for question in self.questions:
            value = data.get(f"question_{question.pk}")
            other = data.get(other_field_name(question), "") if question.allows_other else ""
            if question.kind == QuestionKind.TEXT:
                answers[question.pk] = Response(text=value or "")
            elif isinstance(value, list):
                answers[question.pk] = Response(options=[int(v) for v in value], text=other)
            else:
                answers[question.pk] = Response(options=[int(value)] if value else [], text=other)
        return answers

    def demographics(self) -> Demographics:
        data = self.cleaned_data
        return Demographics(
            age_group=data.get("age_group") or "",
            sex=data.get("sex") or "",
            settlement_kind=data.get("settlement_kind") or "",
        )


def chosen_options(data, questions: list[Question]) -> set[int]:
    """The option ids a posted (maybe incomplete) ballot chose, read leniently: what decides
    which conditional questions the next step asks."""
    chosen = set()
    for question in questions:
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            for value in data.getlist(f"question_{question.pk}"):
                if value.isdigit():
                    chosen.add(int(value))
    return chosen


class PaperVoterForm(forms.Form):
    """Who filled in a paper ballot, as the voting point's operator learns it in person: found
    by phone or e-mail, or given an account he may claim later (veche/voting)."""

    point = forms.ModelChoiceField(label=_("Voting point"), queryset=None, empty_label=None)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    settlement = forms.ModelChoiceField(
        label=_("Settlement he lives in"),
        queryset=Settlement.objects.order_by("name"),
        required=False,
        help_text=_("As the voter states it; polls for the residents of a territory need it."),
    )
    document_seen = forms.BooleanField(
        label=_("I have seen an identity document"),
        required=False,
        help_text=_("Needed where only verified residents vote."),
    )
    optional_unmarked = ["phone", "email"]

    def __init__(self, *args, points, **kwargs):
        kwargs.setdefault("auto_id", "voter-%s")
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = points

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(_("Give the voter's phone or e-mail."), code="contact")
        return data
