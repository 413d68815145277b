"""QuickSelect writes the same <select> as Django's template-rendered Select, only faster."""

import re

import pytest
from django import forms

from veche.core.forms import QuickSelect

CHOICES = [
    ("", "any"),
    ("Roads", [(1, "Pits & holes"), (2, "Snow <not cleared>")]),
    (3, 'Light "off"'),
]


def _form(widget):
    class Form(forms.Form):
        topic = forms.TypedChoiceField(
            coerce=int, required=True, choices=CHOICES, widget=widget, help_text="Pick one"
        )

    return Form


def _normalised(html: str) -> str:
    return re.sub(r"\s+", " ", str(html)).replace("> <", "><").strip()


@pytest.mark.parametrize("data", [None, {"topic": "2"}, {"topic": ""}])
def test_quick_select_writes_what_django_select_writes(data):
    quick = _form(QuickSelect)(data, auto_id="f-%s")
    django_select = _form(forms.Select)(data, auto_id="f-%s")
    assert _normalised(quick["topic"]) == _normalised(django_select["topic"])


def test_the_chosen_option_is_selected_and_text_is_escaped():
    html = str(_form(QuickSelect)({"topic": "2"})["topic"])
    assert '<option value="2" selected>Snow &lt;not cleared&gt;</option>' in html
    assert '<optgroup label="Roads">' in html
    assert "Light &quot;off&quot;" in html
