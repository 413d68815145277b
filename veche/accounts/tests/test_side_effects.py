"""The accounts' e-mails are tasks stored in the database and queued inside the change's
transaction: a rolled-back change leaves no e-mail to send, a committed one leaves exactly one."""

import pytest
from django.db import transaction

from veche.accounts import services
from veche.accounts.models import User
from veche.accounts.tests.factories import DEMO_PASSWORD, UserFactory

PASSWORD = "Severnoe-Siyanie-42"


class Abort(Exception):
    pass


def register(settlement) -> User | None:
    return services.user_register(
        last_name="Петрова",
        first_name="Анна",
        settlement=settlement,
        email="anna@mail.ru",
        phone="+79123456789",
        password=PASSWORD,
        consent=True,
    )


def test_a_rolled_back_registration_leaves_no_confirmation_email(db_tasks, settlement):
    with pytest.raises(Abort), transaction.atomic():
        register(settlement)
        raise Abort
    assert not User.objects.exists()
    assert db_tasks.count() == 0


def test_a_committed_registration_leaves_exactly_one_confirmation_email(db_tasks, settlement):
    user = register(settlement)
    (task,) = db_tasks.all()
    assert task.task_path == "veche.accounts.tasks.send_account_email"
    assert task.args_kwargs["kwargs"]["kind"] == "confirm"
    assert task.args_kwargs["kwargs"]["user_id"] == user.pk


def test_a_rolled_back_email_change_leaves_no_letter(db_tasks):
    user = UserFactory()
    change = {"user": user, "new_email": "new@mail.ru", "password": DEMO_PASSWORD}
    with pytest.raises(Abort), transaction.atomic():
        services.email_change_request(**change)
        raise Abort
    assert db_tasks.count() == 0
    services.email_change_request(**change)
    (task,) = db_tasks.all()
    assert task.args_kwargs["kwargs"]["kind"] == "email_change_confirm"
