"""The forms of the thread: a comment or a reply, an edit, a complaint, a removal. Each form of
a page gets its own ids (`auto_id`), since a thread has one reply form per comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_LENGTH, RemovalReason


def _text_area(rows: int = 4) -> forms.Textarea:
    # The browser stops at 2,000 characters; the service says so in words if it gets more.
    return forms.Textarea(attrs={"rows": rows, "maxlength": MAX_LENGTH})


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        help_text=_("Up to 2,000 characters."),
        widget=_text_area(),
        strip=False,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class ReplyForm(CommentForm):
    text = forms.CharField(
        label=_("Your reply"), help_text=_("Up to 2,000 characters."), widget=_text_area(3)
    )


class EditForm(forms.Form):
    text = forms.CharField(
        label=_("Comment text"),
        help_text=_("Up to 2,000 characters."),
        widget=_text_area(6),
        strip=False,
    )


class ComplaintForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong"),
        help_text=_("For example: insults, advertising, someone's personal data."),
        required=False,
        max_length=500,
    )


class RemovalForm(forms.Form):
    reason = forms.ModelChoiceField(
        label=_("Reason for removal"),
        queryset=RemovalReason.objects.filter(is_active=True),
        empty_label=_("Choose a reason"),
    )

    def __init__(self, *args, reasons=None, **kwargs):
        super().__init__(*args, **kwargs)
        if reasons is not None:  # a thread reads the reasons once for all its forms
            field = self.fields["reason"]
            field.choices = [("", field.empty_label), *((r.pk, r.label) for r in reasons)]
