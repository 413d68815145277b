"""Forms of the account pages. They parse and check input; the services do the writing."""

from itertools import groupby

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from veche.core import ratelimit
from veche.territory.models import Settlement

from . import throttle
from .models import User
from .phones import normalize_phone
from .selectors import login_email
from .services import CONSENT_REQUIRED, SETTLEMENT_REQUIRED, password_set_by_link
from .tasks import queue_email
from .validators import normalize_email, normalize_name, validate_deliverable_email, validate_name


def settlement_queryset():
    return Settlement.objects.select_related("municipality").order_by("municipality__name", "name")


class GroupedSettlementIterator(ModelChoiceIterator):
    """Settlements grouped by municipality: one <optgroup> each."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset = self.queryset.order_by("municipality__name", "name")
        for municipality, settlements in groupby(queryset, key=lambda s: s.municipality.name):
            yield (municipality, [self.choice(settlement) for settlement in settlements])


class SettlementChoiceField(forms.ModelChoiceField):
    iterator = GroupedSettlementIterator

    def label_from_instance(self, obj: Settlement) -> str:
        return obj.name


class EmailInput(forms.EmailInput):
    def __init__(self, autocomplete: str = "email"):
        super().__init__(attrs={"autocomplete": autocomplete, "spellcheck": "false"})


def password_input(autocomplete: str) -> forms.PasswordInput:
    return forms.PasswordInput(attrs={"autocomplete": autocomplete})


def clean_email_value(value: str) -> str:
    value = normalize_email(value)
    validate_deliverable_email(value)
    return value


class RegistrationForm(forms.Form):
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": _("Enter your last name.")},
    )
    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Enter your first name.")},
    )
    settlement = SettlementChoiceField(
        label=_("Settlement"),
        queryset=settlement_queryset(),
        empty_label=_("— choose your settlement —"),
        help_text=_("Where you live: reports and votes of your settlement will be shown first."),
        error_messages={
            "required": SETTLEMENT_REQUIRED,
            "invalid_choice": _("Choose a settlement from the list."),
        },
    )
    email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        widget=EmailInput(),
        help_text=_("We will send a link to confirm it."),
        error_messages={"required": _("Enter your e-mail address.")},
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=25,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("A Russian number, for example +7 912 345-67-89 or 8 912 345-67-89."),
        error_messages={"required": _("Enter your phone number.")},
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=password_input("new-password"),
        help_text=_(
            "At least 8 characters. Not only digits, not a common word, not like your name or "
            "e-mail."
        ),
        error_messages={"required": _("Think of a password.")},
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=password_input("new-password"),
        error_messages={"required": _("Repeat the password.")},
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data"),
        help_text=_("You can download or delete your data at any time in your cabinet."),
        error_messages={"required": CONSENT_REQUIRED},
    )

    def clean_last_name(self) -> str:
        value = normalize_name(self.cleaned_data["last_name"])
        validate_name(value)
        return value

    def clean_first_name(self) -> str:
        value = normalize_name(self.cleaned_data["first_name"])
        validate_name(value)
        return value

    def clean_email(self) -> str:
        return clean_email_value(self.cleaned_data["email"])

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])

    def clean(self) -> dict:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The passwords do not match."))
        elif first:
            person = User(
                email=data.get("email") or "",
                last_name=data.get("last_name") or "",
                first_name=data.get("first_name") or "",
            )
            try:
                validate_password(first, person)
            except ValidationError as error:
                self.add_error("password1", error)
        return data

    # Service argument → form field, for errors the service finds (core.forms.service_errors).
    SERVICE_FIELDS = {"password": "password1"}


class ThrottledLoginMixin:
    """An authentication form that checks a password only within the login limit (per client
    address and per e-mail address tried): the slot is reserved before the check and given back
    only when the login succeeds. Over the limit nothing is checked; the form carries the
    too-many-attempts error (code TOO_MANY_ATTEMPTS) and the view answers 429."""

    TOO_MANY_ATTEMPTS = "too_many_attempts"

    def clean(self):
        email = self.data.get("username", "")
        try:
            slots = throttle.login_reserve(self.request, email)
        except ratelimit.Limited as limited:
            message = throttle.too_many_attempts_message(limited.retry_after)
            raise ValidationError(message, code=self.TOO_MANY_ATTEMPTS) from limited
        cleaned_data = super().clean()  # a ValidationError keeps the slot: a failure counts
        if self.get_user() is not None:
            throttle.login_succeeded(slots)
        return cleaned_data

    @property
    def refused(self) -> bool:
        return self.has_error(NON_FIELD_ERRORS, self.TOO_MANY_ATTEMPTS)


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    """The back office's login form, under the same limit as the portal's."""


class LoginForm(ThrottledLoginMixin, auth_forms.AuthenticationForm):
    # An e-mail or a phone: a caller the contact centre made an account for by phone has only
    # his number to log in with (selectors.login_email finds the account's address).
    username = forms.CharField(
        label=_("E-mail or phone"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=password_input("current-password")
    )
    error_messages = {
        # The same words whether the address is unknown or the password is wrong.
        "invalid_login": _("Invalid e-mail address, phone or password."),
        "inactive": _("Invalid e-mail address, phone or password."),
    }

    def clean_username(self) -> str:
        return login_email(self.cleaned_data["username"])


class EmailForm(forms.Form):
    """One e-mail address: resend the confirmation link, request a password reset."""

    email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        widget=EmailInput(),
        error_messages={"required": _("Enter your e-mail address.")},
    )

    def clean_email(self) -> str:
        return clean_email_value(self.cleaned_data["email"])


class PasswordResetForm(EmailForm, auth_forms.PasswordResetForm):
    """Django's reset form, but the e-mail goes out through the task queue after commit."""

    def save(self, **kwargs) -> None:
        for user in self.get_users(self.cleaned_data["email"]):
            queue_email(kind="password_reset", user=user)


class PasswordSetByLinkForm(auth_forms.SetPasswordForm):
    """The new password after a reset link; the service also confirms the e-mail it proves."""

    def save(self, commit: bool = True) -> User:
        password = self.cleaned_data["new_password1"]
        self.user = password_set_by_link(user=self.user, password=password)
        return self.user


class EmailChangeForm(forms.Form):
    new_email = forms.CharField(
        label=_("New e-mail"),
        max_length=254,
        widget=EmailInput(),
        error_messages={"required": _("Enter the new e-mail address.")},
    )
    password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=password_input("current-password"),
        help_text=_("To make sure it is you."),
        error_messages={"required": _("Enter your current password.")},
    )

    def clean_new_email(self) -> str:
        return clean_email_value(self.cleaned_data["new_email"])


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=password_input("current-password"),
        help_text=_("To make sure it is you."),
        error_messages={"required": _("Enter your current password.")},
    )
