"""One event written by the statement that makes the change, for the portal's hottest writes.

A support is one SQL statement on PostgreSQL (veche.supports.sql); a second statement for its
event, inside a transaction, would double its round trips. `insert_from` gives the part of a
data-modifying WITH that appends the event for each row another part returned, with the same
columns `record_event` fills. Its parameters, in order: kind, subject type, actor pseudonym,
occurred at (`event_params`).
"""

import json

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

from .models import Event
from .services import MAX_PAYLOAD_CHARS, actor_pseudonym

NAMES = ("kind", "subject_type", "subject_id", "actor", "territory", "occurred_at", "payload")


def insert_from(source: str, *, subject_id: str, territory: str, payload: dict[str, str]) -> str:
    """`INSERT INTO <event> … SELECT … FROM <source>`: `subject_id`, `territory` and the payload's
    values are column names of `source`, the payload's keys its keys (PostgreSQL only)."""
    q = connection.ops.quote_name
    meta = Event._meta
    columns = ", ".join(q(meta.get_field(name).column) for name in NAMES)
    pairs = ", ".join(f"'{key}', {q(column)}" for key, column in payload.items())
    values = f"%s, %s, {q(subject_id)}::text, %s, {q(territory)}, %s, jsonb_build_object({pairs})"
    return f"INSERT INTO {q(meta.db_table)} ({columns}) SELECT {values} FROM {source}"


def event_params(*, kind: str, subject_type: str, actor, occurred_at) -> list:
    return [kind, subject_type, actor_pseudonym(actor) if actor is not None else "", occurred_at]


def insert_values() -> str:
    """`INSERT INTO <event> … VALUES (…)`: one event whose every value is a parameter
    (`values_params`), for a write that speaks SQL on SQLite as well (PostgreSQL may run it as a
    part of a data-modifying WITH)."""
    q = connection.ops.quote_name
    meta = Event._meta
    columns = ", ".join(q(meta.get_field(name).column) for name in NAMES)
    payload = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    return f"INSERT INTO {q(meta.db_table)} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, {payload})"


def values_params(
    *, kind: str, subject_type: str, subject_id, actor, territory, occurred_at, payload: dict
) -> list:
    """The parameters of `insert_values`, checked as `record_event` checks them: inside the
    change's transaction, a payload of a few facts. `occurred_at` as the database takes it
    (`connection.ops.adapt_datetimefield_value`)."""
    if not connection.in_atomic_block:
        raise RuntimeError("An event must be written inside the transaction of the change.")
    encoded = json.dumps(payload, cls=DjangoJSONEncoder)
    if len(encoded) > MAX_PAYLOAD_CHARS:
        raise ValidationError("An event payload is a few facts, not a copy of the object.")
    pseudonym = actor_pseudonym(actor) if actor is not None else ""
    return [kind, subject_type, str(subject_id), pseudonym, territory, occurred_at, encoded]
