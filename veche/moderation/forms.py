from django import forms
from django.utils.translation import gettext_lazy as _

NOTE_MAX_LENGTH = 1000


class RejectForm(forms.Form):
    """Reject one item: a reason from the kind's list, and a note for the author if needed."""

    reason = forms.ChoiceField(
        label=_("Reason"),
        error_messages={
            "required": _("Choose a reason from the list."),
            "invalid_choice": _("Choose a reason from the list."),
        },
    )
    note = forms.CharField(
        label=_("Note to the author"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, reasons: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("Choose a reason")), *reasons]
