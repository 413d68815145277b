"""Forms of the public report pages: filing, the list and map filters, the author's review.

Each form only parses input; the service it feeds decides and explains what is allowed, and
core's `apply_service_errors` puts the service's messages onto the form's fields
(`service_error_targets` says where report_submit's go).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from veche.core.forms import QuickSelect
from veche.media.uploads import check_video
from veche.territory.models import Settlement
from veche.territory.selectors import settlement_choices

from . import subjects
from .filter_choices import filter_choices, topic_choices
from .models import Status, Topic, TopicAttribute
from .models.report import UNPUBLISHED
from .services.filing import MAX_MEDIA, MAX_TEXT

PHOTO_ACCEPT = "image/*"
VIDEO_ACCEPT = "video/mp4,video/webm"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple>; cleans to a list (empty if none)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


class CoordinateField(forms.FloatField):
    """A latitude or longitude typed by hand: a decimal comma is as good as a point."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


def attribute_field(attribute: TopicAttribute) -> forms.Field:
    """A field for a topic's extra question, by its Open311 datatype. Never required here: the
    form asks only the chosen topic's questions (see ReportForm.clean)."""
    D = TopicAttribute.Datatype
    options = {"label": attribute.description, "required": False}
    if attribute.datatype_description:
        options["help_text"] = attribute.datatype_description
    choices = [(item["key"], item["name"]) for item in attribute.values]
    if attribute.datatype == D.SINGLE:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **options)
    if attribute.datatype == D.MULTI:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **options
        )
    if attribute.datatype == D.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **options)
    if attribute.datatype == D.NUMBER:
        return forms.FloatField(widget=forms.NumberInput(attrs={"step": "any"}), **options)
    if attribute.datatype == D.DATETIME:
        return forms.DateTimeField(
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), **options
        )
    return forms.CharField(max_length=300, **options)


class ReportForm(forms.Form):
    """A resident's report. The place is either coordinates (from the map or typed) or, without
    them, a settlement and a street address: the settlement's centre becomes the point."""

    # One of them is required (the place), so the field renderer does not call them optional.
    optional_unmarked = ("lat", "lon", "settlement")

    topic = forms.TypedChoiceField(
        label=_("Topic"),
        coerce=int,
        error_messages={"required": _("Choose the topic of the problem.")},
    )
    text = forms.CharField(
        label=_("Description of the problem"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What is wrong and since when. Do not write names or phone numbers."),
        error_messages={"required": _("Describe the problem.")},
    )
    lat = CoordinateField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("For example, 61.2540."),
    )
    lon = CoordinateField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("For example, 73.3960."),
    )
    settlement = forms.TypedChoiceField(label=_("Settlement"), coerce=int, required=False)
    address = forms.CharField(
        label=_("Street address or landmark"),
        required=False,
        max_length=300,
        help_text=_("For example, «ул. Ленина, 5» or «у остановки „Университет“»."),
    )
    photos = MultipleFileField(
        label=_("Photos"),
        help_text=format_lazy(
            _(
                "Up to {max} photos (with the video, {max} files in all): JPEG, PNG or WebP, up "
                "to 15 MB each. Location data is removed."
            ),
            max=MAX_MEDIA,
        ),
        widget=MultipleFileInput(attrs={"accept": PHOTO_ACCEPT}),
    )
    video = forms.FileField(
        label=_("Video"),
        required=False,
        help_text=_("Optional: one MP4 or WebM file up to 100 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": VIDEO_ACCEPT}),
    )
    client_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    # What the report is about besides its place (reports/subjects.py): "<kind>:<id>".
    subject = forms.CharField(widget=forms.HiddenInput, required=False, max_length=80)
    file_anyway = forms.BooleanField(
        label=_("None of these is my problem: file a new report"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.subject_ref = subjects.parse(self["subject"].value() or "")
        self.subject_about = subjects.describe(*self.subject_ref) if self.subject_ref else None
        if self.subject_about is None:
            self.subject_ref = None
        self.fields["topic"].choices = [("", _("— choose a topic —")), *self._topic_choices()]
        self.fields["settlement"].choices = [
            ("", _("— choose a settlement —")),
            *settlement_choices(),
        ]
        self.topic_questions = self._add_attribute_fields()
        self.topic_obj: Topic | None = None
        self.settlement_obj: Settlement | None = None

    def _topic_choices(self) -> list:
        """The catalogue; about an item, the topics its kind offers come first in a group."""
        groups = topic_choices()
        offered = set(subjects.offered_topics(*self.subject_ref)) if self.subject_ref else set()
        if not offered:
            return groups
        names = {pk: name for _group, items in groups for pk, name in items}
        first = [
            (pk, names[pk]) for _group, items in groups for pk, _name in items if pk in offered
        ]
        return [(_("For this object"), first), *groups] if first else groups

    def about(self) -> tuple[str, int] | None:
        return self.subject_ref

    def _add_attribute_fields(self) -> dict[int, list[str]]:
        """Every open topic's questions, named attr-<topic>-<code>: without JavaScript they are
        all on the page (grouped by topic); with it, only the chosen topic's are shown."""
        questions: dict[int, list[str]] = {}
        attributes = TopicAttribute.objects.filter(
            variable=True, topic__is_open=True, topic__category__is_active=True
        ).select_related("topic")
        for attribute in attributes.order_by("topic_id", "order", "pk"):
            name = f"attr-{attribute.topic_id}-{attribute.code}"
            field = attribute_field(attribute)
            field.attribute = attribute
            self.fields[name] = field
            questions.setdefault(attribute.topic_id, []).append(name)
        return questions

    def question_groups(self) -> list[dict]:
        """For the template: each topic's questions as bound fields, with the topic."""
        topics = {t.pk: t for t in Topic.objects.filter(pk__in=self.topic_questions)}
        return [
            {"topic": topics[pk], "fields": [self[name] for name in names]}
            for pk, names in self.topic_questions.items()
            if pk in topics
        ]

    def clean_topic(self) -> Topic:
        topic = Topic.objects.select_related("category").filter(pk=self.cleaned_data["topic"])
        self.topic_obj = topic.first()
        if self.topic_obj is None:
            raise ValidationError(_("Choose the topic of the problem."))
        return self.topic_obj

    def clean_video(self):
        """One video, checked by its content as report_submit will (a well-formed MP4 or WebM)."""
        video = self.cleaned_data.get("video")
        if not video:
            return None
        check_video(video)
        return video

    def clean_settlement(self) -> Settlement | None:
        pk = self.cleaned_data.get("settlement")
        if pk in (None, ""):
            return None
        self.settlement_obj = Settlement.objects.filter(pk=pk).first()
        return self.settlement_obj

    def clean(self):
        cleaned = super().clean()
        self._clean_place(cleaned)
        self._clean_questions(cleaned)
        return cleaned

    def _clean_place(self, cleaned: dict) -> None:
        if "lat" in self.errors or "lon" in self.errors:
            return
        lat, lon = cleaned.get("lat"), cleaned.get("lon")
        if (lat is None) != (lon is None):
            self.add_error(
                "lat" if lat is None else "lon",
                _("Give both the latitude and the longitude, or neither."),
            )
        elif lat is None and cleaned.get("settlement") is None:
            self.add_error("lat", _("Choose the place on the map or by address."))
        elif lat is None and not cleaned.get("address", "").strip():
            self.add_error(
                "address",
                _("Without coordinates, give the street and house or a landmark."),
            )

    def _clean_questions(self, cleaned: dict) -> None:
        """Only the chosen topic's required questions must be answered."""
        topic = cleaned.get("topic")
        for name in self.topic_questions.get(topic.pk if topic else None, []):
            attribute = self.fields[name].attribute
            if attribute.required and cleaned.get(name) in (None, "", []):
                self.add_error(
                    name,
                    _("Answer the question «%(question)s».") % {"question": attribute.description},
                )

    def point(self) -> tuple[float, float]:
        return place_of(self.cleaned_data)

    def attributes(self) -> dict:
        """Answers to the chosen topic's questions, keyed by the question's code."""
        answers = {}
        for name in self.topic_questions.get(self.cleaned_data["topic"].pk, []):
            value = answer_value(self.cleaned_data.get(name))
            if value not in (None, "", []):
                answers[self.fields[name].attribute.code] = value
        return answers

    def uploads(self) -> list:
        video = self.cleaned_data.get("video")
        return [*self.cleaned_data.get("photos", []), *([video] if video else [])]

    def first_question_of_topic(self) -> str | None:
        topic = self.cleaned_data.get("topic") if hasattr(self, "cleaned_data") else None
        names = self.topic_questions.get(topic.pk if topic else None, [])
        return names[0] if names else None


def place_of(data: dict) -> tuple[float, float]:
    """The coordinates given, or the centre of the chosen settlement (the no-map way)."""
    if data.get("lat") is not None:
        return data["lat"], data["lon"]
    return data["settlement"].centre_lat, data["settlement"].centre_lon


def answer_value(value):
    """A cleaned answer as the service and Open311 keep it: dates as ISO text, plain numbers."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return value


def service_error_targets(form: ReportForm, error: ValidationError) -> dict:
    """Where report_submit's refusal goes on the filing form, as keyword arguments of core's
    apply_service_errors. A refusal without fields is about an upload: the video passed the same
    checks in the form, so it is a photo (the message names the file), unless it names the video."""
    video = form.cleaned_data.get("video")
    names_video = video is not None and any(video.name in m for m in error.messages)
    coordinates = form.cleaned_data.get("lat") is not None
    return {
        "fields": {
            "media": "photos",
            "location": "lat" if coordinates else "settlement",
            "attributes": form.first_question_of_topic() or "topic",
        },
        "default": "video" if names_video else "photos",
    }


PUBLIC_STATUSES = [(value, label) for value, label in Status.choices if value not in UNPUBLISHED]


class ReportFilters(forms.Form):
    """The filters the list, the map and its GeoJSON feed share, parsed without reading the
    database (the feed is the hot path). Every field is optional; an invalid one is shown with
    its error and left out of the filter."""

    ORDER_CHOICES = [("new", _("newest first")), ("support", _("most supported first"))]

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words in any form: «яма» also finds «ямы» and «ямами»."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    category = forms.IntegerField(label=_("Category"), required=False)
    topic = forms.IntegerField(label=_("Topic"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("any")), *PUBLIC_STATUSES],
        widget=QuickSelect,
    )
    municipality = forms.IntegerField(label=_("Municipality"), required=False)
    since = forms.DateField(
        label=_("Filed from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label=_("Filed until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    order = forms.ChoiceField(
        label=_("Order"), required=False, choices=ORDER_CHOICES, widget=QuickSelect
    )

    def filters(self) -> dict:
        """Keyword arguments for selectors.report_list from the valid fields."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        data = {name: value for name, value in cleaned.items() if value not in ("", None)}
        return {
            "query": data.get("q", ""),
            "category": data.get("category"),
            "topic": data.get("topic"),
            "status": data.get("status"),
            "municipality": data.get("municipality"),
            "since": data.get("since"),
            "until": data.get("until"),
            "order": data.get("order", "new"),
        }


class FilterForm(ReportFilters):
    """The filters as the list and map pages show them: lists to choose from."""

    category = forms.TypedChoiceField(
        label=_("Category"), coerce=int, required=False, widget=QuickSelect
    )
    topic = forms.TypedChoiceField(label=_("Topic"), coerce=int, required=False, widget=QuickSelect)
    municipality = forms.TypedChoiceField(
        label=_("Municipality"), coerce=int, required=False, widget=QuickSelect
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        anything = ("", _("any"))
        for name, choices in filter_choices().items():
            self.fields[name].choices = [anything, *choices]


class ReviewForm(forms.Form):
    """The author's verdict on the answer: a rating 1–5 and confirm, or dispute with a reason."""

    CONFIRM, DISPUTE = "confirm", "dispute"

    rating = forms.TypedChoiceField(
        label=_("Rate the answer"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
        help_text=_("5 — excellent, 1 — very bad."),
        error_messages={"required": _("Rate the answer from 1 to 5.")},
    )
    reason = forms.CharField(
        label=_("What is wrong with the answer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed only if you dispute the answer: the report goes back to the agency."),
    )
    # Set by the button pressed: «confirm» or «dispute».
    verdict = forms.ChoiceField(
        choices=[(CONFIRM, CONFIRM), (DISPUTE, DISPUTE)], widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "review-%s")
        super().__init__(*args, **kwargs)
