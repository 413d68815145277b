"""Forms of the information side: the public filters and reactions, the editors' item forms."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Event, KbEntry, Material, MaterialKind, News, Page


class NewsFilterForm(forms.Form):
    theme = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    municipality = forms.TypedChoiceField(
        label=_("Municipality"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, themes=(), municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", pgettext_lazy("any theme", "any"))] + [
            (t.pk, t.name) for t in themes
        ]
        self.fields["municipality"].choices = [("", pgettext_lazy("any municipality", "any"))] + [
            (m.pk, m.name) for m in municipalities
        ]


class EventFilterForm(forms.Form):
    """The calendar's filters; a bad value is an error (the .ics answers 400), not ignored."""

    municipality = forms.TypedChoiceField(
        label=_("Municipality"), required=False, coerce=int, empty_value=None
    )
    month = forms.CharField(
        label=_("Month"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-12"}),
    )

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", pgettext_lazy("any municipality", "any"))] + [
            (m.pk, m.name) for m in municipalities
        ]

    def clean_month(self) -> date | None:
        value = self.cleaned_data["month"]
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-"))
            return date(year, month, 1)
        except ValueError:
            raise forms.ValidationError(_("Give the month as YYYY-MM, e.g. 2026-12.")) from None


class HelpfulForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("1", _("Yes")), ("0", _("No"))], coerce=lambda v: v == "1"
    )


class PublishForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Publication time"),
        required=False,
        help_text=_("Leave empty to publish now; a later time schedules the publication."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
    )


class ScopedForm(forms.ModelForm):
    """An item's fields with the municipality limited to what the editor keeps."""

    optional_unmarked = ()

    def __init__(self, *args, municipalities=None, region=True, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        if municipalities is not None:
            field.queryset = municipalities
        field.required = not region
        field.empty_label = _("The whole region") if region else None

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("cover", None)
        data.pop("files", None)
        data.pop("related", None)
        return data


class NewsForm(ScopedForm):
    cover = forms.FileField(
        label=_("Cover image"),
        required=False,
        help_text=_("JPEG or PNG; it is re-encoded, its metadata removed."),
    )

    class Meta:
        model = News
        fields = ["title", "lead", "body", "theme", "municipality", "cover_alt"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}
        help_texts = {"body": _("Paragraphs, lists, headings, tables and links are kept.")}


class PageForm(ScopedForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "parent", "lead", "body", "byline", "municipality", "order"]
        fields += ["in_menu"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class MaterialForm(ScopedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=MaterialKind.choices)
    files = MultipleFileField(
        label=_("Files"), required=False, help_text=_("PDF documents or images.")
    )

    class Meta:
        model = Material
        fields = ["kind", "title", "body", "municipality"]


class KbEntryForm(ScopedForm):
    class Meta:
        model = KbEntry
        fields = ["category", "question", "answer", "related", "municipality", "order"]
        widgets = {"related": forms.CheckboxSelectMultiple}


class EventForm(ScopedForm):
    online_url = forms.URLField(
        label=_("Online link"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Event
        fields = ["title", "description", "starts_at", "ends_at", "place", "online_url"]
        fields += ["municipality"]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        help_texts = {"starts_at": _("In the region's time (UTC+5).")}

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end < start:
            self.add_error("ends_at", _("The end cannot come before the start."))
        return data


def now_local_input() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


class MemberForm(forms.Form):
    """A municipality's part in open government (the editors' open-government page)."""

    joined_on = forms.DateField(
        label=_("Takes part since"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
    )
    practices = forms.CharField(
        label=_("Practices"),
        required=False,
        max_length=2000,
        help_text=_("What the municipality practises: public councils, initiative budgeting, …"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
