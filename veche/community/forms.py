from django import forms
from django.utils.translation import gettext_lazy as _

from .services import STEPS

OTHER = "other"


class GiveForm(forms.Form):
    """A step of 50 / 100 / 200 / 500, or any whole amount."""

    step = forms.ChoiceField(
        label=_("How much to give"),
        choices=[(str(s), str(s)) for s in STEPS] + [(OTHER, _("another amount"))],
        widget=forms.RadioSelect,
        initial="100",
    )
    other = forms.IntegerField(
        label=_("Another amount"),
        required=False,
        help_text=_("A whole number, if you chose another amount."),
    )
    optional_unmarked = ("other",)

    def clean(self):
        data = super().clean()
        if data.get("step") == OTHER:
            if data.get("other") is None:
                self.add_error("other", _("Enter the amount."))
            else:
                data["amount"] = data["other"]
        elif data.get("step"):
            data["amount"] = int(data["step"])
        return data
