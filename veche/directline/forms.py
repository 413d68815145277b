"""Forms of the direct line: a resident's question, the staff's call or letter, answer and line."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from veche.territory.models import Municipality

from .models import STAFF_CHANNELS, Campaign, Channel
from .services import MAX_TEXT

_MOMENT = re.compile(r"^(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)$")


def parse_moment(value: str) -> int | None:
    """«1:02:34», «12:34» or a number of seconds → seconds; None when empty."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return int(value)
    found = _MOMENT.match(value)
    if not found:
        raise forms.ValidationError(_("Give the moment as H:MM:SS or MM:SS, e.g. 1:02:34."))
    hours, minutes, seconds = (int(part or 0) for part in found.groups())
    return hours * 3600 + minutes * 60 + seconds


class AskForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("At most 2,000 characters. Questions are published after moderation."),
    )
    video = forms.FileField(
        label=_("Video question (optional)"),
        required=False,
        help_text=_("MP4 or WebM, up to 3 minutes."),
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm"}),
    )


class EnterForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Came by"), choices=[(c.value, c.label) for c in Channel if c in STAFF_CHANNELS]
    )
    text = forms.CharField(
        label=_("Question"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )
    caller_name = forms.CharField(
        label=_("Who called or wrote"),
        max_length=200,
        required=False,
        help_text=_("Never shown publicly."),
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    at = forms.CharField(
        label=_("Moment in the recording"),
        max_length=10,
        required=False,
        help_text=_("H:MM:SS or MM:SS"),
    )

    def clean_at(self) -> int | None:
        return parse_moment(self.cleaned_data["at"])

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("text") and cleaned.get("at") is None:
            raise forms.ValidationError(_("Give the answer's text or its moment in the recording."))
        return cleaned


class CampaignForm(forms.ModelForm):
    recording_url = forms.URLField(
        label=_("recording of the event"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Campaign
        fields = ["title", "description", "municipality", "event_at", "recording_url"]
        widgets = {
            "event_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        self.fields["municipality"].empty_label = _("The whole region")
        self.fields["event_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
