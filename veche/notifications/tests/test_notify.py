"""The notifications service carries ready messages of any app: every channel a person hears
by, the once-only guarantee, and a channel plugged in by name."""

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.translation import gettext_noop

from veche.accounts.services import account_create_passwordless
from veche.accounts.tests.factories import UnconfirmedUserFactory, UserFactory
from veche.notifications.channels import Channel, deliver, register_channel
from veche.notifications.messages import Message
from veche.notifications.models import Notification, SentNotice
from veche.notifications.selectors import email_allowed
from veche.notifications.services import notify
from veche.notifications.text import msg

pytestmark = pytest.mark.django_db


def message(**fields) -> Message:
    return Message(
        kind="ideas.accepted",
        title=msg(gettext_noop("Overdue")),
        text=["Идея № 4"],
        link="/ideas/4/",
        subject_type="ideas.idea",
        subject_id="4",
        **fields,
    )


def test_a_message_reaches_the_site_and_the_mailbox_with_its_generic_subject():
    user = UserFactory()
    assert notify(recipients=[user], message=message()) == 1
    notice = Notification.objects.get(user=user)
    assert (notice.kind, notice.subject_type, notice.subject_id) == (
        "ideas.accepted",
        "ideas.idea",
        "4",
    )
    assert (notice.title_text, notice.body_text, notice.link) == (
        "Просроченные",
        "Идея № 4",
        "/ideas/4/",
    )
    assert [m.subject for m in mail.outbox] == ["Просроченные"]


def test_no_letter_to_an_unconfirmed_address_but_the_notice_on_the_site():
    user = UnconfirmedUserFactory()
    notify(recipients=[user], message=message())
    assert Notification.objects.filter(user=user).count() == 1
    assert mail.outbox == []


def test_a_once_key_sends_once():
    user = UserFactory()
    assert notify(recipients=[user], message=message(), once_key="ideas:4:accepted") == 1
    assert notify(recipients=[user], message=message(), once_key="ideas:4:accepted") == 0
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1
    assert SentNotice.objects.filter(key="ideas:4:accepted").exists()


def test_a_new_channel_plugs_in():
    """SMS and web push register like this: a name, enabled_for(user), send(notice)."""

    class Pager(Channel):
        name = "pager"
        sent: list = []

        def enabled_for(self, user):
            return user.first_name == "Мария"

        def send(self, notice):
            self.sent.append((notice.user.pk, notice.message.title_text()))

    register_channel(Pager())
    maria, ivan = UserFactory(first_name="Мария"), UserFactory(first_name="Иван")
    notify(recipients=[maria, ivan], message=message())
    assert Pager.sent == [(maria.pk, "Просроченные")]


def test_a_digest_is_a_letter_only():
    user = UserFactory()
    from veche.notifications.tokens import SCOPE_DIGEST

    assert deliver(user, message(unsubscribe=SCOPE_DIGEST)) == ["email"]
    assert not Notification.objects.exists()


def test_the_notifications_app_imports_no_domain_app():
    """Platform below domain: notices know their subject only as strings."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    offenders = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if n.startswith(("veche.reports", "veche.open311"))
            ]
    assert offenders == []


def test_a_channel_renders_in_the_recipients_language():
    from veche.notifications.messages import Notice
    from veche.notifications.tests.factories import PreferenceFactory

    english = PreferenceFactory(language="en").user
    russian = UserFactory()
    assert Notice(english, message()).rendered() == ("Overdue", "Идея № 4")
    assert Notice(russian, message()).rendered() == ("Просроченные", "Идея № 4")


@pytest.mark.django_db
def test_no_notice_letter_goes_to_an_address_that_receives_no_mail():
    """A caller who claimed his account by phone counts as confirmed, but his address (on the
    reserved callers' domain) has no mailbox."""
    caller = account_create_passwordless(phone="+79221112233")
    caller.email_confirmed_at = timezone.now()
    caller.save()
    assert not email_allowed(caller)
    assert email_allowed(UserFactory())
