"""Forms of the staff pages. Each offers only the roles the actor may grant in that scope."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import Role
from .predicates import may_grant
from .selectors import user_by_email


def grantable(actor, roles: list[str], *, municipality=None, agency=None) -> list[str]:
    return [r for r in roles if may_grant(actor, r, municipality=municipality, agency=agency)]


class RoleAssignForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail of the person"),
        help_text=_("The person must already be registered on the portal."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Role.choices)
        self.fields["role"].choices = [(r, capfirst(labels[r])) for r in roles]
        self.user = None

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        self.user = user_by_email(email)
        if self.user is None:
            raise forms.ValidationError(_("Nobody is registered with this e-mail."))
        return email
