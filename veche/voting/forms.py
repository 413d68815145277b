"""Forms of the voting points' staff pages. They parse; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from veche.staff.selectors import user_by_email

from .models import VotingPoint


class VotingPointForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("What residents see, e.g. «Exhibition “Surgut of the future”, stand 12»."),
    )
    address = forms.CharField(label=_("Address"), max_length=300)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=VotingPoint._meta.get_field("note").help_text,
    )
    is_active = forms.BooleanField(
        label=_("Accepting ballots"),
        required=False,
        initial=True,
        help_text=VotingPoint._meta.get_field("is_active").help_text,
    )


class VotingPointCreateForm(VotingPointForm):
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None)
    field_order = ["municipality", "title", "address", "note", "is_active"]

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        if municipalities.count() == 1:
            self.fields["municipality"].initial = municipalities.first()


class MemberGrantForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail of the operator"),
        help_text=_("A contact-centre operator of the point's municipality, already registered."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        self.user = user_by_email(email)
        if self.user is None:
            raise forms.ValidationError(_("Nobody is registered with this e-mail."))
        return email
