from django import forms
from django.utils.translation import gettext_lazy as _


class CancelForm(forms.Form):
    note = forms.CharField(
        label=_("Reason for the resident"),
        max_length=300,
        required=False,
        help_text=_("The resident sees it beside the cancelled order."),
    )
