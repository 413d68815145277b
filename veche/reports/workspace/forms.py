"""Forms of the workspace. Each parses the input of one action; the service it feeds decides
whether the action is allowed. Every form on the report page gets its own id prefix (auto_id), so
that several forms on one page keep their field ids unique while the field names stay plain."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from veche.accounts.phones import normalize_phone
from veche.territory.models import Settlement
from veche.territory.selectors import settlement_choices

from .. import workspace_selectors
from ..forms import (
    MultipleFileField,
    MultipleFileInput,
    answer_value,
    attribute_field,
    place_of,
)
from ..models import Answer, RejectionReason, Report, Topic

MAX_REASON = 2000


def _text(
    label, *, required: bool = True, rows: int = 4, help_text="", missing=""
) -> forms.CharField:
    """A text area; `missing` says what to write when it is left empty (not Django's generic
    «Обязательное поле.»)."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_REASON,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": missing} if missing else None,
    )


class ActionForm(forms.Form):
    """A form of the report page about `report`; `prefix_id` makes its ids unique on the page and
    `title` names it in the page's error summary."""

    prefix_id = "action"
    title = ""

    def __init__(self, *args, report: Report, **kwargs):
        kwargs.setdefault("auto_id", f"{self.prefix_id}-%s")
        super().__init__(*args, **kwargs)
        self.report = report


class PublishForm(ActionForm):
    prefix_id = "publish"
    title = _("Publish and route")


class RejectForm(ActionForm):
    prefix_id = "reject"
    title = _("Reject")
    reason = forms.ModelChoiceField(
        label=_("Reason"),
        queryset=RejectionReason.objects.filter(is_active=True),
        empty_label=_("— choose a reason —"),
        error_messages={"required": _("Choose a reason from the list.")},
    )
    comment = _text(
        _("Comment to the author"),
        required=False,
        rows=3,
        help_text=_("Optional; added after the reason on the report's timeline."),
    )


class RedactForm(ActionForm):
    prefix_id = "redact"
    title = _("Remove personal data")
    text = _text(
        _("Text of the report"),
        rows=8,
        help_text=_("Remove names, phone numbers and other personal data; keep the problem."),
        missing=_("Keep the description of the problem: the text cannot be empty."),
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=300)


class DuplicateForm(ActionForm):
    prefix_id = "duplicate"
    title = _("Mark as a duplicate")
    original = forms.IntegerField(
        label=_("Number of the original report"),
        min_value=1,
        help_text=_("Supports of this report and its author are carried over to the original."),
        error_messages={"required": _("Give the number of the original report.")},
    )

    def clean_original(self) -> Report:
        original = workspace_selectors.report_by_number(self.cleaned_data["original"])
        if original is None:
            raise ValidationError(_("There is no report with this number."))
        return original


class RerouteForm(ActionForm):
    prefix_id = "reroute"
    title = _("Send to another agency")
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=None,
        empty_label=_("— choose an agency —"),
        error_messages={"required": _("Choose the agency.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = workspace_selectors.reroute_agencies(self.report)


class TakeForm(ActionForm):
    prefix_id = "take"
    title = _("Take into work")


class AnswerForm(ActionForm):
    prefix_id = "answer"
    title = _("Answer")
    kind = forms.ChoiceField(
        label=_("Kind of answer"),
        choices=lambda: [(value, capfirst(label)) for value, label in Answer.Kind.choices],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of answer.")},
    )
    text = _text(
        _("Answer to the resident"),
        rows=6,
        missing=_("Write the answer: what was done or will be done, and when."),
    )
    planned_date = forms.DateField(
        label=_("Planned date of the works"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Only for «scheduled»: the date the works are planned for."),
    )
    files = MultipleFileField(
        label=_("Documents"),
        help_text=_("Optional: PDF, JPEG or PNG files of up to 20 MB each."),
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class ExtendForm(ActionForm):
    prefix_id = "extend"
    title = _("Extend the deadline")
    reason = _text(
        _("Reason for the extension"),
        help_text=_("Shown on the public timeline. The deadline can be extended only once."),
        missing=_("Give the reason for the extension: the author will read it."),
    )


class DeclineForm(ActionForm):
    prefix_id = "decline"
    title = _("Decline: not our agency's business")
    reason = _text(
        _("Why the report is not your agency's"),
        help_text=_("The report goes back to a moderator, who sends it to the right agency."),
        missing=_("Say why the report is not your agency's, so the moderator can route it."),
    )


class ReassignForm(ActionForm):
    prefix_id = "reassign"
    title = _("Request reassignment")
    reason = _text(
        _("Where should the report go, and why"),
        help_text=_("An internal request to the moderators; the public does not see it."),
        missing=_("Say which agency should answer the report, and why."),
    )


class NoteForm(ActionForm):
    prefix_id = "note"
    title = _("Internal note")
    text = _text(
        _("Note"),
        rows=3,
        help_text=_("Only staff see internal notes; the author does not."),
        missing=_("Write the note."),
    )


class OperatorReportForm(forms.Form):
    """A report taken by phone: the resident's account, the problem and the place."""

    title = _("File a report for a resident")
    resident = forms.CharField(
        label=_("Caller's e-mail or phone"),
        max_length=254,
        help_text=_(
            "His account is found by it. A caller without an account gets one: he is told by SMS "
            "or e-mail and may claim it later."
        ),
        error_messages={"required": _("Give the caller's e-mail address or phone number.")},
    )
    first_name = forms.CharField(
        label=_("Caller's first name"),
        required=False,
        max_length=100,
        help_text=_("For a new account; «Житель» when not given."),
    )
    last_name = forms.CharField(label=_("Caller's last name"), required=False, max_length=100)
    topic = forms.TypedChoiceField(
        label=_("Topic"),
        coerce=int,
        error_messages={"required": _("Choose the topic of the problem.")},
    )
    text = _text(
        _("Description of the problem"),
        rows=6,
        missing=_("Describe the problem as the caller told it."),
    )
    settlement = forms.TypedChoiceField(
        label=_("Settlement"),
        coerce=int,
        error_messages={"required": _("Choose the settlement where the problem is.")},
    )
    address = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=300,
        help_text=_("Street and house, or a landmark."),
    )
    lat = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        help_text=_("Optional, e.g. 61.254. Without coordinates the settlement's centre is used."),
    )
    lon = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        help_text=_("Optional, e.g. 73.396."),
    )
    media = MultipleFileField(
        label=_("Photos or video from the resident"),
        help_text=_("Optional: JPEG, PNG, WebP, MP4 or WebM."),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,video/*"}),
    )
    client_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [
            ("", _("— choose a topic —")),
            *workspace_selectors.open_topics(),
        ]
        self.fields["settlement"].choices = [
            ("", _("— choose a settlement —")),
            *settlement_choices(),
        ]
        self.resident_user = None
        self.topic_obj = self._bound_topic()
        self.attribute_fields = self._add_attribute_fields()

    def _bound_topic(self) -> Topic | None:
        """The chosen topic, when the form came back with one: its extra questions are asked."""
        try:
            pk = int(self.data.get("topic", ""))
        except (TypeError, ValueError):
            return None
        return Topic.objects.filter(pk=pk).prefetch_related("attributes").first()

    def _add_attribute_fields(self) -> list[str]:
        names = []
        if self.topic_obj is None:
            return names
        for attribute in self.topic_obj.attributes.all():
            if not attribute.variable:
                continue
            name = f"attr_{attribute.code}"
            self.fields[name] = attribute_field(attribute)
            names.append(name)
        return names

    def attribute_bound_fields(self):
        return [self[name] for name in self.attribute_fields]

    def clean_resident(self) -> str:
        """The caller's account, or else a contact to make one with: an e-mail or a phone."""
        contact = self.cleaned_data["resident"].strip()
        self.resident_user = workspace_selectors.resident_by_contact(contact)
        if self.resident_user is None and workspace_selectors.closed_account_by_contact(contact):
            raise ValidationError(_("The account with this e-mail or phone is closed."))
        if self.resident_user is None and "@" not in contact:
            try:
                normalize_phone(contact)
            except ValidationError as error:
                raise ValidationError(
                    _("Give an e-mail address or a Russian mobile number, e.g. 8 912 345-67-89.")
                ) from error
        return contact

    def new_account_contact(self) -> dict:
        """The e-mail or phone a new account is made with (empty when the caller has one)."""
        if self.resident_user is not None:
            return {}
        contact = self.cleaned_data["resident"]
        key = "email" if "@" in contact else "phone"
        return {
            key: contact,
            "first_name": self.cleaned_data["first_name"],
            "last_name": self.cleaned_data["last_name"],
        }

    def clean_settlement(self) -> Settlement:
        settlement = Settlement.objects.filter(pk=self.cleaned_data["settlement"]).first()
        if settlement is None:
            raise ValidationError(_("Choose a settlement from the list."))
        return settlement

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("lat") is None) != (cleaned.get("lon") is None):
            raise ValidationError(_("Give both the latitude and the longitude, or neither."))
        return cleaned

    def point(self) -> tuple[float, float]:
        return place_of(self.cleaned_data)

    def attributes(self) -> dict:
        answers = {}
        for name in self.attribute_fields:
            value = answer_value(self.cleaned_data.get(name))
            if value not in (None, "", []):
                answers[name.removeprefix("attr_")] = value
        return answers
