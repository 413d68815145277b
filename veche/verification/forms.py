"""Forms of the verification pages: parse input only; the services validate and write."""

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from veche.accounts.phones import normalize_phone


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


class PhoneClaimStartForm(forms.Form):
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        help_text=_("The number you gave the contact centre, for example +7 912 345-67-89."),
        error_messages={"required": _("Enter your phone number.")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])


class PhoneClaimConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the SMS"),
        max_length=12,
        help_text=_("Six digits; the code is valid for 10 minutes."),
        error_messages={"required": _("Enter the code from the SMS.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        help_text=_("At least 8 characters; not only digits, not a common word."),
        error_messages={"required": _("Think of a password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        error_messages={"required": _("Repeat the password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    # Service argument → form field (core.forms.service_errors).
    SERVICE_FIELDS = {"password": "password1"}

    def clean(self) -> dict:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The passwords do not match."))
        elif first:
            try:  # the checks that need no account; the service adds "not like your name"
                validate_password(first)
            except ValidationError as error:
                self.add_error("password1", error)
        return data
