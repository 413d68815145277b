"""Registries that let every app take part in a resident's data export and account deletion.

An app that keeps personal data registers, from its AppConfig.ready():

    register_export_section("reports", lambda user: [...])   # JSON-serialisable data of `user`
    register_deletion_hook("reports", lambda user: ...)      # erase what is personal, keep the rest

Registering a name again replaces the earlier entry, so an app can take over a default that the
accounts app provides for it (the "verification" section and hook below).
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


# --- Defaults for the verification app, used until it registers its own. ---


def verification_section(user) -> list[dict]:
    manager = getattr(user, "verifications", None)
    if manager is None:
        return []
    return [row_as_dict(row) for row in manager.all()]


def verification_hook(user) -> None:
    """Evidence (phone, document, external identity) is personal; the files go with the rows."""
    manager = getattr(user, "verifications", None)
    if manager is None:
        return
    for row in manager.all():
        for field in row._meta.concrete_fields:
            if isinstance(field, models.FileField) and getattr(row, field.name):
                getattr(row, field.name).delete(save=False)
        row.delete()


# --- The accounts app's own sections, and the roles of the staff app. ---


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


def roles_section(user) -> list[dict]:
    manager = getattr(user, "role_assignments", None)
    if manager is None:
        return []
    return [
        {
            "role": assignment.role,
            "role_name": str(assignment.get_role_display()),
            "municipality": assignment.municipality.name if assignment.municipality else None,
            "agency": str(assignment.agency) if assignment.agency else None,
            "since": json_value(assignment.created_at),
        }
        for assignment in manager.select_related("municipality", "agency")
    ]


def roles_hook(user) -> None:
    manager = getattr(user, "role_assignments", None)
    if manager is not None:
        manager.all().delete()


def register_defaults() -> None:
    """Called from AccountsConfig.ready(), before the apps listed after accounts register theirs."""
    register_export_section("profile", profile_section)
    register_export_section("roles", roles_section)
    register_export_section("verification", verification_section)
    register_deletion_hook("roles", roles_hook)
    register_deletion_hook("verification", verification_hook)
