"""Answers to a topic's extra questions (Open311 attributes), checked against their definitions."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from veche.core.text import clean_text

from ..models import Topic, TopicAttribute

D = TopicAttribute.Datatype


def clean_attributes(topic: Topic, raw: dict) -> dict:
    cleaned: dict = {}
    errors: list[str] = []
    for attribute in topic.attributes.filter(variable=True):
        value = raw.get(attribute.code)
        if value in (None, "", []):
            if attribute.required:
                errors.append(
                    _("Answer the question «%(question)s».") % {"question": attribute.description}
                )
            continue
        try:
            cleaned[attribute.code] = _clean_value(attribute, value)
        except ValueError:
            errors.append(
                _("The answer to «%(question)s» is not valid.")
                % {"question": attribute.description}
            )
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_value(attribute: TopicAttribute, value):
    keys = {item["key"] for item in attribute.values}
    if attribute.datatype == D.MULTI:
        values = value if isinstance(value, list) else [value]
        if not set(values) <= keys:
            raise ValueError
        return sorted(set(values))
    if isinstance(value, list):
        value = value[0]
    value = clean_text(str(value)).strip()
    if attribute.datatype == D.SINGLE and value not in keys:
        raise ValueError
    if attribute.datatype == D.NUMBER:
        float(value)
    if attribute.datatype == D.DATETIME:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value
