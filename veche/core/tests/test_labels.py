"""Form labels are punctuated one way: no trailing colon (core/_field.html adds none), in every
form of every app, in both languages."""

import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.template.loader import render_to_string
from django.utils import translation

from veche.core.forms import SampleForm


def all_form_classes() -> list[type[forms.BaseForm]]:
    for config in apps.get_app_configs():
        if not config.name.startswith("veche."):
            continue
        for module in _modules_named_forms(config.name):
            importlib.import_module(module)
    found, todo = set(), [forms.Form, forms.ModelForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("veche.") and sub not in found:
                found.add(sub)
                todo.append(sub)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def _modules_named_forms(package: str) -> list[str]:
    names = []
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        if info.name.rsplit(".", 1)[-1] == "forms" and ".tests" not in info.name:
            names.append(info.name)
    return names


@pytest.mark.parametrize("language", ["ru", "en"])
def test_no_form_label_ends_with_a_colon(language):
    classes = all_form_classes()
    assert len(classes) > 10  # the walk found the apps' forms
    with translation.override(language):
        colons = [
            f"{cls.__module__}.{cls.__qualname__}.{name}: {field.label}"
            for cls in classes
            for name, field in cls.base_fields.items()
            if field.label and str(field.label).rstrip().endswith(":")
        ]
    assert colons == []


def test_the_field_renderer_adds_no_colon():
    with translation.override("en"):
        html = render_to_string("core/_field.html", {"field": SampleForm()["name"]})
    assert ">Your name</label>" in html
