"""Forms of the discussion pages. Each only parses input; the services decide and explain what is
allowed (their field-named errors land on these fields through core's `apply_service_errors`)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veche.agencies.models import Agency
from veche.comments.models import MAX_LENGTH
from veche.territory.models import Municipality

from .models import Outcome, Rating, Section
from .services import DraftIn
from .services.drafts import MAX_SUMMARY, MAX_TITLE
from .text import DOCX_MAX_BYTES

MOMENT_FORMAT = "%Y-%m-%dT%H:%M"


def _moment(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=MOMENT_FORMAT),
        input_formats=[MOMENT_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        required=False,  # the service says what is missing or out of order
    )


class DraftFilters(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Territory"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("all"),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")

    def chosen_municipality(self):
        return self.cleaned_data.get("municipality") if self.is_valid() else None


class DraftForm(forms.Form):
    optional_unmarked = ("opens_at", "closes_at")

    title = forms.CharField(
        label=_("Title"),
        max_length=MAX_TITLE,
        error_messages={"required": _("Give the draft a title.")},
    )
    summary = forms.CharField(
        label=pgettext_lazy("of a draft", "Summary"),  # not the admin's «Summary»
        max_length=MAX_SUMMARY,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the draft is about and what the authority asks residents."),
    )
    agency = forms.ModelChoiceField(
        label=_("Authority"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("not named"),
    )
    municipality = forms.ModelChoiceField(
        label=_("Territory"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("the whole region"),
    )
    opens_at = _moment(_("Discussion opens"))
    closes_at = _moment(_("Discussion closes"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.order_by("name")
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")

    def draft_in(self) -> DraftIn:
        return DraftIn(**{name: self.cleaned_data.get(name) for name in self.fields})


class TextForm(forms.Form):
    """The text of a new draft: typed as Markdown, or a .docx file (the file wins)."""

    optional_unmarked = ("markdown", "docx")

    markdown = forms.CharField(
        label=_("Text (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Each heading («## Heading») starts a section; the text below it is the section."
        ),
    )
    docx = forms.FileField(
        label=_("Or import a .docx file"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".docx,application/"
                "vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
        help_text=_("At most 10 MB. Its headings become sections."),
    )

    def clean_docx(self):
        upload = self.cleaned_data.get("docx")
        if upload is not None and upload.size > DOCX_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("docx") and not (data.get("markdown") or "").strip():
            raise forms.ValidationError(_("Type the text or choose a .docx file."))
        return data


class CommentForm(forms.Form):
    """A comment on the draft, a section or a passage; perhaps a proposal."""

    optional_unmarked = ("section", "passage", "is_proposal", "wording")

    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=Section.objects.none(),
        required=False,
        empty_label=_("the draft as a whole"),
    )
    passage = forms.CharField(
        label=_("Passage you comment on"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Select it in the text, or copy it here. A passage not found in the section "
            "attaches the comment to the whole section."
        ),
    )
    text = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write your comment.")},
    )
    is_proposal = forms.BooleanField(
        label=_("This is a proposal to change the text"), required=False
    )
    wording = forms.CharField(
        label=_("Wording you propose"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, draft, **kwargs):
        kwargs.setdefault("auto_id", "dc-%s")
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(
            draft=draft, removed_in__isnull=True
        )


class RatingForm(forms.Form):
    value = forms.ChoiceField(
        label=_("Your rating"), choices=Rating.Value.choices, widget=forms.RadioSelect
    )


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Answer"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the proposal is rejected or accepted in part."),
    )


class ReportForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the discussion"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class SectionsForm(forms.Form):
    """A new version: one heading and text per section (existing ones keep their ids), blank
    rows for new sections, and a note on what changed. Built from the current sections."""

    note = forms.CharField(label=_("What changed"), required=False, max_length=500)

    def __init__(self, *args, sections=(), extra=2, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for index, (section_id, heading, text) in enumerate(
            list(sections) + [(None, "", "")] * extra
        ):
            prefix = f"s{index}"
            self.fields[f"{prefix}_id"] = forms.IntegerField(
                required=False, widget=forms.HiddenInput, initial=section_id
            )
            self.fields[f"{prefix}_heading"] = forms.CharField(
                label=_("Heading of section %(n)d") % {"n": index + 1},
                required=False,
                initial=heading,
                max_length=300,
            )
            self.fields[f"{prefix}_text"] = forms.CharField(
                label=_("Text of section %(n)d") % {"n": index + 1},
                required=False,
                initial=text,
                widget=forms.Textarea(attrs={"rows": 6}),
            )
            self.fields[f"{prefix}_remove"] = forms.BooleanField(
                label=_("Remove section %(n)d") % {"n": index + 1}, required=False
            )
            self.rows.append(prefix)

    def bound_rows(self):
        return [
            {
                "id": self[f"{p}_id"],
                "heading": self[f"{p}_heading"],
                "text": self[f"{p}_text"],
                "remove": self[f"{p}_remove"],
            }
            for p in self.rows
        ]

    def edits(self):
        from .services import SectionEdit

        edits = []
        for p in self.rows:
            if self.cleaned_data.get(f"{p}_remove"):
                continue
            edits.append(
                SectionEdit(
                    self.cleaned_data.get(f"{p}_id"),
                    self.cleaned_data.get(f"{p}_heading") or "",
                    self.cleaned_data.get(f"{p}_text") or "",
                )
            )
        return edits


class AttachForm(forms.Form):
    file = forms.FileField(
        label=_("Attach a file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,image/*"}),
        help_text=_("A PDF or an image: an annex, a scheme, a map."),
    )
