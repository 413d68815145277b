"""One way to show a service's refusal on the web: a ValidationError onto the form that asked
(by field where the form has that field), a PermissionDenied onto the form or, by default, on
to the 403 page (core.views.permission_denied renders its message in the base layout)."""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy


def apply_service_errors(
    form: forms.Form,
    error: ValidationError,
    *,
    fields: Mapping[str, str | None] | None = None,
    codes: Mapping[str, str | None] | None = None,
    default: str | None = None,
) -> None:
    """Put a service's `error` on `form`.

    An error by field (`message_dict`) goes on the form field of the same name, or the one
    `fields` maps the service's name to; a name the form lacks goes above the form. An error
    without fields goes on the field its code maps to in `codes`, else on `default` (None:
    above the form)."""
    fields = fields or {}
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            field = fields.get(name, name)
            form.add_error(field if field in form.fields else None, messages)
        return
    codes = codes or {}
    for item in error.error_list:
        field = codes.get(item.code, default)
        form.add_error(field if field in form.fields else None, item)


@contextmanager
def service_errors(form: forms.Form, *, refusal_on_form: bool = False, **mapping) -> Iterator[None]:
    """Run a service call in the block; a ValidationError it raises goes on `form`
    (`mapping` as for apply_service_errors), so afterwards `form.errors` says whether it failed.

    A PermissionDenied goes on the form above its fields when `refusal_on_form` (the caller
    shows the form again), otherwise it propagates to the 403 page."""
    try:
        yield
    except ValidationError as error:
        apply_service_errors(form, error, **mapping)
    except PermissionDenied as refusal:
        if not refusal_on_form:
            raise
        form.add_error(None, refusal_message(refusal))


def refusal_message(refusal: PermissionDenied) -> str:
    """The refusal's own words, or the general one when the service gave none."""
    return str(refusal) or gettext("You may not do this.")


def error_text(error: ValidationError | PermissionDenied) -> str:
    """A service's refusal in words, for a message above the page rather than on a form."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return refusal_message(error)


def _attributes(attrs: Mapping) -> str:
    """HTML attributes as Django's `attrs.html` writes them (True: bare name; False: left out)."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelect(forms.Select):
    """A <select> with the markup of Django's template, written in Python: rendering long
    option lists through one included template per option costs a filter form several
    milliseconds on every list page (docs/benchmarks.md)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        name = conditional_escape(widget["name"])
        html = [f'<select name="{name}"{_attributes(widget["attrs"])}>']
        for group, options, _index in widget["optgroups"]:
            if group:
                html.append(f'<optgroup label="{conditional_escape(group)}">')
            html += [
                f'<option value="{conditional_escape(option["value"])}"'
                f"{_attributes(option['attrs'])}>{conditional_escape(option['label'])}</option>"
                for option in options
            ]
            if group:
                html.append("</optgroup>")
        html.append("</select>")
        return mark_safe("\n".join(html))  # noqa: S308 - every part escaped above


class SampleForm(forms.Form):
    """The pattern page's form: each kind of control through core/_field.html."""

    name = forms.CharField(
        label=gettext_lazy("Your name"), help_text=gettext_lazy("As it should appear in answers.")
    )
    email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of problem"),
        choices=[("road", gettext_lazy("Roads")), ("light", gettext_lazy("Street lighting"))],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 3})
    )
    agree = forms.BooleanField(label=gettext_lazy("I agree to the personal data policy"))
