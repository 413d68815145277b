"""0002 turns the report-bound notices and subscriptions into generic ones without losing a row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from veche.notifications.text import render

BEFORE = [("notifications", "0001_initial")]
AFTER = [("notifications", "0004_generic_notices_finish")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_old_notices_and_subscriptions_are_carried_over():
    old = migrate(BEFORE)
    user = old.get_model("accounts", "User").objects.create(
        email="m@example.ru", first_name="М", last_name="И"
    )
    category = old.get_model("reports", "Category").objects.create(name="Дороги", slug="roads")
    old.get_model("notifications", "Notification").objects.create(
        user=user,
        kind="answered",
        title="Сообщение № 7: получен ответ",
        body="Яму заделали.",
        url="/reports/7/",
    )
    old.get_model("notifications", "Subscription").objects.create(user=user, category=category)

    new = migrate(AFTER)

    notice = new.get_model("notifications", "Notification").objects.get()
    assert render(notice.title) == "Сообщение № 7: получен ответ"
    assert notice.text == ["Яму заделали."] and notice.link == "/reports/7/"
    subscription = new.get_model("notifications", "Subscription").objects.get()
    assert subscription.category_key == f"reports:{category.pk}"

    back = migrate(BEFORE)  # and back again, for a rollback of the release
    assert back.get_model("notifications", "Subscription").objects.get().category_id == category.pk
    assert back.get_model("notifications", "Notification").objects.get().body == "Яму заделали."
    migrate(latest())
