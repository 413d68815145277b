"""The SMS with a phone code is a task stored in the database, queued inside the transaction that
writes the code's row; the task itself draws the code, so no stored row holds it in clear."""

import re

import pytest
from django.db import transaction
from django.utils.module_loading import import_string

from veche.accounts.tests.factories import UserFactory
from veche.core import sms
from veche.verification.models import PhoneCode, Verification
from veche.verification.services import phone_verification_confirm, phone_verification_start


class Abort(Exception):
    pass


def test_a_rolled_back_start_leaves_no_sms_task_and_no_code(db_tasks):
    user = UserFactory(phone="+79123456789")
    with pytest.raises(Abort), transaction.atomic():
        phone_verification_start(user=user)
        raise Abort
    assert db_tasks.count() == 0
    assert not PhoneCode.objects.exists()
    assert sms.outbox == []


def test_a_committed_start_leaves_one_task_that_sends_a_working_code(db_tasks):
    user = UserFactory(phone="+79123456789")
    phone_verification_start(user=user)
    (task,) = db_tasks.all()
    assert task.task_path == "veche.verification.tasks.send_phone_code"
    assert sms.outbox == []  # nothing leaves before a worker runs the task
    assert not re.search(r"\b\d{6}\b", str(task.args_kwargs))

    import_string(task.task_path).call(**task.args_kwargs["kwargs"])  # what the worker does

    (message,) = sms.outbox
    assert message.phone == "+79123456789"
    code = re.search(r"\b(\d{6})\b", message.text).group(1)
    phone_verification_confirm(user=user, code=code)
    assert Verification.objects.get(user=user).status == Verification.Status.APPROVED


def test_the_task_sends_nothing_for_a_code_already_replaced(db_tasks):
    user = UserFactory(phone="+79123456789")
    phone_verification_start(user=user)
    phone_verification_start(user=user)  # the first code expires at once
    first, second = db_tasks.order_by("enqueued_at")
    import_string(first.task_path).call(**first.args_kwargs["kwargs"])
    assert sms.outbox == []
    import_string(second.task_path).call(**second.args_kwargs["kwargs"])
    assert len(sms.outbox) == 1
