import pytest
from django.core.exceptions import ValidationError

from veche.core.text import clean_text, has_nul, xml_safe

FORBIDDEN = [chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))] + [
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
]


@pytest.mark.parametrize("char", FORBIDDEN)
def test_clean_text_strips_every_character_xml_forbids(char):
    assert clean_text(f"яма{char} у дома") == "яма у дома"


def test_clean_text_keeps_whitespace_languages_and_emoji():
    text = "Яма\tу дома\r\n№ 5 — ﷺ 𝔘 😀 \u007f\u0085"
    assert clean_text(text) == text


def test_clean_text_refuses_nul_in_the_readers_language():
    with pytest.raises(ValidationError) as refused:
        clean_text("яма\x00")
    assert refused.value.code == "null_characters_not_allowed"


def test_xml_safe_strips_nul_too():
    assert xml_safe("a\x00b\x01c") == "abc"
    assert has_nul("a\x00") and not has_nul("a")
