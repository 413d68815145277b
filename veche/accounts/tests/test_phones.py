import pytest
from django.core.exceptions import ValidationError

from veche.accounts.phones import format_phone, normalize_phone


@pytest.mark.parametrize(
    "raw",
    ["8 (912) 345-67-89", "+7 912 345 67 89", "89123456789", "9123456789", " +7(912)345-67-89 "],
)
def test_russian_mobile_notations_become_e164(raw):
    assert normalize_phone(raw) == "+79123456789"


def test_landline_with_city_code_is_accepted():
    assert normalize_phone("8 (3462) 52-20-00") == "+73462522000"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "12345",
        "телефон",
        "+7 701 123 4567",  # Kazakhstan shares +7
        "+1 202 555 0143",
        "8 800 555 35 35",  # toll-free line, not a person
        "+79123456789000",
        "8912345678a",
    ],
)
def test_garbage_and_foreign_numbers_are_rejected_in_russian(raw):
    with pytest.raises(ValidationError) as error:
        normalize_phone(raw)
    assert error.value.messages == [
        "Введите российский номер мобильного или городского телефона, например +7 912 345-67-89."
    ]


def test_format_for_display():
    assert format_phone("+79123456789") == "+7 912 345-67-89"
    assert format_phone("") == ""
