"""The design tokens keep WCAG AA contrast: every text colour on every background the components
put it on (4.5:1), and borders of controls and the focus ring against the page (3:1)."""

import re
from pathlib import Path

import pytest

TOKENS = Path(__file__).resolve().parents[1] / "static" / "core" / "tokens.css"

# (text or element, background) as the components of veche.css pair them.
TEXT_PAIRS = [
    ("--color-text", "--color-bg"),
    ("--color-text", "--color-surface"),
    ("--color-text-muted", "--color-bg"),
    ("--color-text-muted", "--color-surface"),
    ("--color-link", "--color-bg"),
    ("--color-link", "--color-surface"),
    ("--color-primary", "--color-bg"),  # secondary buttons, menu button
    ("--color-on-primary", "--color-primary"),  # primary buttons, current tab and page
    ("--color-on-primary", "--color-primary-dark"),  # primary button on hover
    ("--color-primary-dark", "--color-info-bg"),  # secondary button on hover
    ("--color-error", "--color-bg"),  # destructive buttons, error lists
    ("--color-neutral", "--color-neutral-bg"),  # badges and tab counts
    ("--color-info", "--color-info-bg"),
    ("--color-success", "--color-success-bg"),
    ("--color-warning", "--color-warning-bg"),
    ("--color-error", "--color-error-bg"),
    ("--color-accent", "--color-accent-bg"),
    # Alerts: body text and links on each tint.
    *[("--color-text", f"--color-{tone}-bg") for tone in ("info", "success", "warning", "error")],
    *[("--color-link", f"--color-{tone}-bg") for tone in ("info", "success", "warning", "error")],
]
NON_TEXT_PAIRS = [
    ("--color-border", "--color-bg"),  # inputs
    ("--color-focus", "--color-bg"),
    ("--color-focus", "--color-surface"),
    ("--color-primary", "--color-bg"),  # header and footer rules, tab underline
]


def tokens() -> dict[str, str]:
    root = re.search(r":root\s*\{(.*?)\}", TOKENS.read_text(), re.S).group(1)
    return dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", root))


def luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_text_colours_have_aa_contrast(text, background):
    colours = tokens()
    assert contrast(colours[text], colours[background]) >= 4.5


@pytest.mark.parametrize(("element", "background"), NON_TEXT_PAIRS)
def test_borders_and_focus_have_3_to_1(element, background):
    colours = tokens()
    assert contrast(colours[element], colours[background]) >= 3
