"""Forms of the verification pages: parse input only; the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PhoneStartForm(forms.Form):
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        required=False,
        help_text=_("Leave as it is to use the number from your profile."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


class PhoneConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the SMS"),
        max_length=12,
        help_text=_("Six digits; the code is valid for 10 minutes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class DocumentUploadForm(forms.Form):
    document = forms.FileField(
        label=_("Scan or photo of the document"),
        help_text=_("JPEG, PNG or PDF, at most %(mb)s MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )
    note = forms.CharField(
        label=_("Note for the moderator"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, max_mb: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].help_text = self.fields["document"].help_text % {"mb": max_mb}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("Reason or comment"),
        required=False,
        max_length=1000,
        help_text=_("Required for a rejection; the resident will see it."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        max_length=1000,
        help_text=_("The resident will see it."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
