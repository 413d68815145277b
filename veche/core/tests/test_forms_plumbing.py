"""The shared web plumbing: safe_next, the service-error mapper, the error summary and the field
renderer every form page uses."""

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory

from veche.core.forms import apply_service_errors, service_errors
from veche.core.http import safe_next


class PlaceForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As on the sign.")
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea)
    agree = forms.BooleanField(label="I agree")
    area = forms.ChoiceField(label="Area", choices=[("n", "North")])
    photo = forms.FileField(label="Photo", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)


def bound(**data) -> PlaceForm:
    form = PlaceForm({"name": "Park", "kind": "a", "agree": "on", "area": "n", **data})
    assert form.is_valid(), form.errors
    return form


# --- safe_next --------------------------------------------------------------------------------

rf = RequestFactory()


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/reports/?page=2", "/reports/?page=2"),
        ("https://evil.example/", "/fallback/"),
        ("//evil.example/", "/fallback/"),
        ("javascript:alert(1)", "/fallback/"),
        ("", "/fallback/"),
    ],
)
def test_safe_next_keeps_only_addresses_of_this_site(target, expected):
    assert safe_next(rf.post("/", {"next": target}), "/fallback/") == expected
    assert safe_next(rf.get("/", {"next": target}), "/fallback/") == expected


def test_safe_next_refuses_plain_http_to_a_secure_request():
    request = rf.post("/", {"next": "http://testserver/x"}, secure=True)
    assert safe_next(request, "/fallback/") == "/fallback/"
    assert safe_next(rf.post("/", {"next": "https://testserver/x"}, secure=True), "/") == (
        "https://testserver/x"
    )


def test_safe_next_resolves_a_url_name_and_may_give_nothing():
    assert safe_next(rf.post("/"), "core:home") == "/"
    assert safe_next(rf.post("/", {"next": "//evil.example/"}), "") == ""


# --- apply_service_errors / service_errors ----------------------------------------------------


def test_errors_by_field_go_on_the_field_renamed_or_above_the_form():
    form = bound()
    error = ValidationError({"name": "Taken.", "title": "Too long.", "elsewhere": "Closed."})
    apply_service_errors(form, error, fields={"title": "note"})
    assert form.errors["name"] == ["Taken."]
    assert form.errors["note"] == ["Too long."]
    assert form.non_field_errors() == ["Closed."]


def test_errors_without_fields_go_by_code_or_default():
    form = bound()
    error = ValidationError(
        [ValidationError("Bad number.", code="invalid"), ValidationError("Wait.", code="later")]
    )
    apply_service_errors(form, error, codes={"invalid": "name", "later": None}, default="note")
    assert form.errors["name"] == ["Bad number."]
    assert form.non_field_errors() == ["Wait."]
    form = bound()
    apply_service_errors(form, ValidationError("Nope."), default="note")
    assert form.errors["note"] == ["Nope."]


def test_service_errors_keeps_a_validation_error_on_the_form():
    form = bound()
    with service_errors(form, fields={"title": "note"}):
        raise ValidationError({"title": "Too long."})
    assert form.errors == {"note": ["Too long."]}


def test_service_errors_lets_a_refusal_through_to_the_403_page_by_default():
    form = bound()
    with pytest.raises(PermissionDenied), service_errors(form):
        raise PermissionDenied("Not yours.")
    assert not form.errors


def test_service_errors_may_put_a_refusal_on_the_form():
    form = bound()
    with service_errors(form, refusal_on_form=True):
        raise PermissionDenied("Not yours.")
    assert form.non_field_errors() == ["Not yours."]
    form = bound()
    with service_errors(form, refusal_on_form=True):
        raise PermissionDenied
    assert form.non_field_errors() == ["Вам нельзя это делать."]


def test_service_errors_changes_nothing_when_the_call_succeeds():
    form = bound()
    with service_errors(form):
        pass
    assert form.is_valid() and not form.errors


# --- the error summary and the field renderer -------------------------------------------------


def summary(form, **context) -> str:
    return render_to_string("core/_error_summary.html", {"form": form, **context})


def field_html(field) -> str:
    return render_to_string("core/_field.html", {"field": field})


def test_no_summary_without_errors():
    assert summary(bound()).strip() == ""
    assert summary(PlaceForm()).strip() == ""


def test_the_summary_is_one_focusable_alert_that_links_every_error_to_its_field():
    form = PlaceForm({"token": "x"})
    form.is_valid()
    form.add_error(None, "Not now.")
    form.add_error("token", "Stale.")
    html = summary(form, summary_id="place")
    assert html.count('role="alert"') == 1
    assert 'id="place-errors"' in html and 'tabindex="-1"' in html and "data-focus-on-load" in html
    assert 'aria-labelledby="place-errors-title"' in html
    assert '<h2 class="error-summary-title" id="place-errors-title">' in html
    assert "Исправьте, пожалуйста, следующее" in html
    assert "<li>Not now.</li>" in html and "<li>Stale.</li>" in html  # no field to link to
    assert 'href="#id_name"' in html  # a text input
    assert 'href="#id_kind_0"' in html  # radios: the first one
    assert 'href="#id_agree"' in html and 'href="#id_area"' in html
    assert "Name: Обязательное поле." in html


def test_the_summary_takes_a_title_and_one_more_message():
    html = summary(PlaceForm(), title="Not done: Publish", extra_error="Too many attempts.")
    assert "Not done: Publish" in html and "<li>Too many attempts.</li>" in html
    assert 'id="form-errors"' in html


def test_a_field_with_an_error_is_described_and_invalid():
    form = PlaceForm({})
    form.is_valid()
    html = field_html(form["name"])
    assert '<label for="id_name">Name</label>' in html
    assert '<div class="helptext" id="id_name_helptext">As on the sign.</div>' in html
    assert '<ul class="errorlist" id="id_name_error">' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html and "required" in html
    assert "has-error" in html


def test_radios_are_a_fieldset_with_a_legend_described_by_their_error():
    form = PlaceForm({})
    form.is_valid()
    html = field_html(form["kind"])
    assert '<fieldset class="field choices has-error" aria-describedby="id_kind_error">' in html
    assert "<legend>Kind</legend>" in html and 'id="id_kind_0"' in html


def test_checkbox_select_textarea_file_and_hidden_render():
    form = PlaceForm({})
    form.is_valid()
    checkbox = field_html(form["agree"])
    assert 'class="field checkbox has-error"' in checkbox
    assert checkbox.index('type="checkbox"') < checkbox.index('<label for="id_agree">')
    assert '<select name="area"' in field_html(form["area"])
    assert "<textarea" in field_html(form["note"])
    assert 'type="file"' in field_html(form["photo"])
    assert field_html(form["token"]).strip().startswith('<input type="hidden"')


def test_optional_fields_say_so_only_beside_required_ones():
    html = field_html(PlaceForm()["note"])
    assert '<label for="id_note">Note <span class="optional">(необязательно)</span></label>' in html
    assert "optional" not in field_html(PlaceForm()["name"])

    class Filters(forms.Form):
        q = forms.CharField(label="Search", required=False)

    assert "optional" not in field_html(Filters()["q"])

    class Place(PlaceForm):
        optional_unmarked = ("note",)  # required in combination with another field

    assert "optional" not in field_html(Place()["note"])


def test_error_text_says_any_refusal_in_words():
    from veche.core.forms import error_text

    assert error_text(ValidationError({"a": "One.", "b": ["Two.", "Three."]})) == "One. Two. Three."
    assert error_text(PermissionDenied("Not yours.")) == "Not yours."
    assert error_text(PermissionDenied()) == "Вам нельзя это делать."
