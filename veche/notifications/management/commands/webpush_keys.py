"""Print a new VAPID key pair for web push, as lines for the environment file."""

from django.core.management.base import BaseCommand

from veche.notifications.webpush import vapid_key_pair


class Command(BaseCommand):
    help = "Print a new VAPID key pair (WEBPUSH_VAPID_PRIVATE_KEY, WEBPUSH_VAPID_PUBLIC_KEY)."

    def handle(self, *args, **options) -> None:
        private, public = vapid_key_pair()
        self.stdout.write(f"WEBPUSH_VAPID_PRIVATE_KEY={private}")
        self.stdout.write(f"WEBPUSH_VAPID_PUBLIC_KEY={public}")
