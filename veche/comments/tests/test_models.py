"""The database backs every rule the services check: one like and one complaint per person,
counters never below zero, two levels of replies, a reason for every removal, 2,000 characters."""

import pytest
from django.db import IntegrityError, transaction

from veche.comments.migrations import __path__ as migrations_path
from veche.comments.models import Comment, RemovalReason
from veche.comments.reasons import DEFAULT_REASONS

from .helpers import published


def breaks(**changes) -> None:
    def attempt(comment):
        with pytest.raises(IntegrityError), transaction.atomic():
            Comment.objects.filter(pk=comment.pk).update(**changes)

    return attempt


def test_the_database_refuses_what_the_services_refuse(world, kind):
    comment = published(world)
    for changes in (
        {"depth": 3},
        {"depth": 1},  # a reply without a parent
        {"status": Comment.Status.REMOVED},  # without a reason
        {"text": "я" * 2001},
        {"like_count": -1},
        {"complaint_count": -1},
    ):
        breaks(**changes)(comment)


def test_the_default_reasons_are_loaded_and_translated(db):
    import importlib.util
    from pathlib import Path

    path = Path(migrations_path[0]) / "0002_removal_reasons.py"
    spec = importlib.util.spec_from_file_location("reasons_migration", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert migration.REASONS == DEFAULT_REASONS
    assert [r.code for r in RemovalReason.objects.all()] == [c for c, _t in DEFAULT_REASONS]
    assert RemovalReason.objects.get(code="advertising").label == "Реклама или спам"
    custom = RemovalReason.objects.create(code="own", text="Своя причина")
    assert custom.label == "Своя причина"
