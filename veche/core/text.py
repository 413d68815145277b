"""Text that every channel stores and every format can carry.

XML 1.0 cannot represent U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF or a lone
surrogate, not even as a character reference, so one such character in one report would make a
whole Open311 list malformed. The decision:

- at input, `clean_text` REFUSES a NUL (U+0000) with Django's own translated message ("Null
  characters are not allowed.", the same as every form field) because PostgreSQL cannot store it
  and it is never typed by a person, and silently STRIPS the other forbidden characters, which
  come from pasting out of other programs and carry no meaning;
- at output, `xml_safe` strips every forbidden character, NUL included, for rows stored before
  input was cleaned (defence in depth).
"""

import re

from django.core.validators import ProhibitNullCharactersValidator

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_refuse_nul = ProhibitNullCharactersValidator()


def xml_safe(value: str) -> str:
    """`value` without the characters XML 1.0 forbids (NUL included)."""
    return _XML_FORBIDDEN.sub("", value)


def clean_text(value: str) -> str:
    """Text a person sent, ready to store: raises `ValidationError` on a NUL, strips the other
    characters XML 1.0 forbids, keeps everything else (tabs, newlines, any language, emoji)."""
    _refuse_nul(value)
    return xml_safe(value)


def has_nul(value: str) -> bool:
    """For parameters read outside a form: answer 400 rather than let the database fail."""
    return "\x00" in value
