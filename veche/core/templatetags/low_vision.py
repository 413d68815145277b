"""The settings panel of the version for the visually impaired (`{% low_vision_panel %}`)."""

from django import template
from django.utils.translation import gettext_lazy as _

from ..low_vision import CHOICES

register = template.Library()

TITLES = {
    "size": _("Font size"),
    "scheme": _("Colour scheme"),
    "images": _("Images"),
    "spacing": _("Letter spacing"),
}


@register.inclusion_tag("core/_low_vision_panel.html", takes_context=True)
def low_vision_panel(context) -> dict:
    request = context["request"]
    settings = request.low_vision
    groups = [
        {
            "name": name,
            "title": TITLES[name],
            "options": [
                (value, label, value == getattr(settings, name)) for value, label in values.items()
            ],
        }
        for name, values in CHOICES.items()
    ]
    return {"groups": groups, "request": request, "csrf_token": context.get("csrf_token")}
