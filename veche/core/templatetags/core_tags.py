"""Template helpers every app's templates share: the field renderer's optional marker and the
display of stored rich text (sanitized again on the way out)."""

from django import forms, template
from django.utils.safestring import SafeString

from ..sanitize import sanitized_html

register = template.Library()


@register.filter
def is_marked_optional(field: forms.BoundField) -> bool:
    """An optional field says so only where its form also has required fields: a form of
    filters, all optional, or of required fields only, needs no marker (GOV.UK's advice).
    A form lists in `optional_unmarked` the fields that are required in combination (a point
    on the map or a settlement), which no marker may call optional."""
    if field.field.required or field.name in getattr(field.form, "optional_unmarked", ()):
        return False
    return any(
        other.required and not other.widget.is_hidden for other in field.form.fields.values()
    )


@register.filter
def rich_text(value: str | None) -> SafeString:
    """Stored rich text as HTML, through the sanitizer's allow-list whatever was stored."""
    return sanitized_html(value or "")
