"""The version for the visually impaired (ГОСТ Р 52872-2019): three font sizes, three colour
schemes, images on or off, normal or wide letter spacing, kept in one preference cookie.

The cookie holds the four choices in a fixed order, e.g. ``3.black.off.wide``; an absent or
unreadable cookie means the normal version. The value ``1`` (the single switch before the
settings existed) reads as the version with its default settings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _

ACCESSIBILITY_COOKIE = "veche_a11y"

SIZES = {"1": _("Large"), "2": _("Larger"), "3": _("Largest")}
SCHEMES = {
    "white": _("Black on white"),
    "black": _("White on black"),
    "blue": _("Dark blue on light blue"),
}
IMAGES = {"on": _("Shown"), "off": _("Hidden")}
SPACINGS = {"normal": _("Normal"), "wide": _("Wide")}
# Each setting: its name in the form and the cookie, and the values it may take.
CHOICES = {"size": SIZES, "scheme": SCHEMES, "images": IMAGES, "spacing": SPACINGS}
_LEGACY_ON = "1"


@dataclass(frozen=True)
class LowVision:
    size: str = "2"
    scheme: str = "white"
    images: str = "on"
    spacing: str = "normal"

    @classmethod
    def from_cookie(cls, value: str | None) -> LowVision | None:
        """The visitor's settings, or None for the normal version."""
        if value == _LEGACY_ON:
            return cls()
        parts = (value or "").split(".")
        if len(parts) != len(CHOICES):
            return None
        settings = dict(zip(CHOICES, parts, strict=True))
        if any(settings[name] not in values for name, values in CHOICES.items()):
            return None
        return cls(**settings)

    def to_cookie(self) -> str:
        return ".".join(getattr(self, name) for name in CHOICES)

    def changed(self, data) -> LowVision:
        """These settings with every valid choice in `data` (a form's POST) applied."""
        picked = {name: data[name] for name, values in CHOICES.items() if data.get(name) in values}
        return replace(self, **picked)

    @property
    def images_off(self) -> bool:
        return self.images == "off"
