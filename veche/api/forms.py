"""The staff page's form for a new API token."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veche.accounts.models import User


class ApiTokenCreateForm(forms.Form):
    name = forms.CharField(
        label=pgettext_lazy("api token", "Name"),
        max_length=100,
        help_text=_("Which app or system uses the key, e.g. “Surgut city app”."),
    )
    user_email = forms.EmailField(
        label=_("Acts as user (e-mail)"),
        help_text=_("The token has exactly this user's permissions."),
    )
    expires_days = forms.IntegerField(
        label=_("Valid for, days"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("Leave empty for a key that does not expire."),
    )

    def clean_user_email(self) -> User:
        email = self.cleaned_data["user_email"].strip().lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            raise forms.ValidationError(_("There is no user with this e-mail."))
        return user

    def expires_at(self):
        days = self.cleaned_data.get("expires_days")
        return timezone.now() + timedelta(days=days) if days else None
