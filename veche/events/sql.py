"""One event written by the statement that makes the change, for the portal's hottest writes.

A support is one SQL statement on PostgreSQL (veche.supports.sql); a second statement for its
event, inside a transaction, would double its round trips. `insert_from` gives the part of a
data-modifying WITH that appends the event for each row another part returned, with the same
columns `record_event` fills. Its parameters, in order: kind, subject type, actor pseudonym,
occurred at (`event_params`).
"""

from django.db import connection

from .models import Event
from .services import actor_pseudonym


def insert_from(source: str, *, subject_id: str, territory: str, payload: dict[str, str]) -> str:
    """`INSERT INTO <event> … SELECT … FROM <source>`: `subject_id`, `territory` and the payload's
    values are column names of `source`, the payload's keys its keys (PostgreSQL only)."""
    q = connection.ops.quote_name
    meta = Event._meta
    names = ("kind", "subject_type", "subject_id", "actor", "territory", "occurred_at", "payload")
    columns = ", ".join(q(meta.get_field(name).column) for name in names)
    pairs = ", ".join(f"'{key}', {q(column)}" for key, column in payload.items())
    values = f"%s, %s, {q(subject_id)}::text, %s, {q(territory)}, %s, jsonb_build_object({pairs})"
    return f"INSERT INTO {q(meta.db_table)} ({columns}) SELECT {values} FROM {source}"


def event_params(*, kind: str, subject_type: str, actor, occurred_at) -> list:
    return [kind, subject_type, actor_pseudonym(actor) if actor is not None else "", occurred_at]
