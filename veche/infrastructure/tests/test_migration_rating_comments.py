"""0006–0008 move ratings' comments into the shared comments with their moderation state, and
back again (run on SQLite and PostgreSQL)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from veche.comments.models import Comment

BEFORE = [("infrastructure", "0005_paper_votes")]
AFTER = [("infrastructure", "0008_rating_comment_text_drop")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _world(apps):
    Region = apps.get_model("territory", "Region")
    Municipality = apps.get_model("territory", "Municipality")
    region = Region.objects.create(name="Югра", slug="yugra", centre_lat=61, centre_lon=70)
    town = Municipality.objects.create(
        region=region,
        kind="city_okrug",
        name="Сургут",
        slug="surgut",
        centre_lat=61.25,
        centre_lon=73.4,
    )
    category = apps.get_model("infrastructure", "Category").objects.create(name="Дворы", slug="y")
    facility = apps.get_model("infrastructure", "Facility").objects.create(
        source_id="A-1",
        name="Двор",
        category=category,
        municipality=town,
        shape="point",
        lat=61.25,
        lon=73.4,
        min_lat=61.25,
        max_lat=61.25,
        min_lon=73.4,
        max_lon=73.4,
        geometry={"type": "Point", "coordinates": [73.4, 61.25]},
        year=2024,
        work_type="repair",
        status="completed",
    )
    User = apps.get_model("accounts", "User")
    users = [
        User.objects.create(email=f"u{n}@example.ru", first_name="А", last_name="Б")
        for n in range(4)
    ]
    return town, facility, users


@pytest.mark.django_db(transaction=True)
def test_rating_comments_move_to_the_shared_comments_and_back():
    old = migrate(BEFORE)
    town, facility, users = _world(old)
    Rating = old.get_model("infrastructure", "Rating")
    states = [("Хорошо", "published"), ("Жду", "pending"), ("Брань", "rejected"), ("", "none")]
    for user, (text, status) in zip(users, states, strict=True):
        Rating.objects.create(
            facility=facility, user=user, score=4, comment=text, comment_status=status
        )

    new = migrate(AFTER)

    Moved = new.get_model("comments", "Comment")
    moved = {
        r.comment.text: (r.comment.status, r.comment.target_id == r.pk, r.comment.author_id)
        for r in new.get_model("infrastructure", "Rating").objects.filter(comment__isnull=False)
    }
    authors = {text: users[n].pk for n, (text, _s) in enumerate(states)}
    assert moved == {
        "Хорошо": ("published", True, authors["Хорошо"]),
        "Жду": ("pending", True, authors["Жду"]),
        "Брань": ("removed", True, authors["Брань"]),
    }
    assert set(Moved.objects.values_list("target_kind", "municipality_id")) == {
        ("infrastructure.rating", town.pk)
    }
    removed = Moved.objects.get(status="removed")
    assert removed.removal_reason.code == "rating-comment-rejected"
    assert not removed.removal_reason.is_active
    assert Moved.objects.get(status="published").published_at is not None

    back = migrate(BEFORE)  # and back again, for a rollback of the release
    rows = back.get_model("infrastructure", "Rating").objects.order_by("user_id")
    assert [(r.comment, r.comment_status) for r in rows] == [
        ("Хорошо", "published"),
        ("Жду", "pending"),
        ("Брань", "rejected"),
        ("", "none"),
    ]
    # comments' tables stay at their latest state (the app's own model reads them)
    assert not Comment.objects.filter(target_kind="infrastructure.rating").exists()
    migrate(latest())
