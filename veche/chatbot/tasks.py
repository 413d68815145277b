"""The bot's replies in messengers go out from the task worker, not the webhook's request: the
messenger's HTTP API may be slow, and the update is answered at once."""

from django_tasks import task


@task()
def send_messenger_reply(messenger: str, chat_id: str, text: str) -> None:
    from .adapters import get_sender

    get_sender().send(messenger=messenger, chat_id=chat_id, text=text)
