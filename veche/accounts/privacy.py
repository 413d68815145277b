"""Registries that let every app take part in a resident's data export and account deletion.

An app that keeps personal data registers, from its AppConfig.ready():

    register_export_section("reports", lambda user: [...])   # JSON-serialisable data of `user`
    register_deletion_hook("reports", lambda user: ...)      # erase what is personal, keep the rest

Registering a name again replaces the earlier entry.
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.db import models

ExportSection = Callable[[Any], Any]
DeletionHook = Callable[[Any], None]

_export_sections: dict[str, ExportSection] = {}
_deletion_hooks: dict[str, DeletionHook] = {}


def register_export_section(name: str, section: ExportSection) -> None:
    _export_sections[name] = section


def register_deletion_hook(name: str, hook: DeletionHook) -> None:
    _deletion_hooks[name] = hook


def export_sections() -> dict[str, ExportSection]:
    return dict(_export_sections)


def deletion_hooks() -> dict[str, DeletionHook]:
    return dict(_deletion_hooks)


def json_value(value: Any) -> Any:
    """Dates as ISO 8601, files as their presence, everything else as is."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, models.fields.files.FieldFile):
        return bool(value)
    return value


def row_as_dict(row: models.Model, *, exclude: tuple[str, ...] = ()) -> dict:
    """A row's own fields. Relations are left out: they point at other people (e.g. a moderator)."""
    return {
        field.name: json_value(getattr(row, field.name))
        for field in row._meta.concrete_fields
        if not field.is_relation and field.name not in exclude
    }


# --- The accounts app's own section. ---


def profile_section(user) -> dict:
    settlement = user.settlement
    return {
        "email": user.email,
        "last_name": user.last_name,
        "first_name": user.first_name,
        "phone": user.phone,
        "settlement": (
            {
                "id": settlement.pk,
                "name": settlement.name,
                "municipality": settlement.municipality.name,
            }
            if settlement
            else None
        ),
        "date_joined": json_value(user.date_joined),
        "last_login": json_value(user.last_login),
        "email_confirmed_at": json_value(user.email_confirmed_at),
        "personal_data_consent_at": json_value(user.personal_data_consent_at),
        "verified_at": json_value(user.verified_at),
        "verification_method": user.verification_method,
        "is_staff": user.is_staff,
    }


def register_defaults() -> None:
    """Called from AccountsConfig.ready(); the apps above (staff, verification, reports, …)
    register their own sections and hooks from theirs."""
    register_export_section("profile", profile_section)
