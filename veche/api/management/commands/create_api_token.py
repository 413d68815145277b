"""Create an API token for an app; the plain key is printed once, as the last line of output."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from veche.accounts.models import User
from veche.api.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token acting as a user; prints the key (shown only once) last."

    def add_arguments(self, parser) -> None:
        parser.add_argument("name", help="what uses the key, e.g. 'Surgut city app'")
        parser.add_argument("--user", required=True, help="e-mail of the user the token acts as")
        parser.add_argument("--expires-days", type=int, help="days until the key expires")

    def handle(self, *args, name: str, user: str, expires_days: int | None, **options) -> None:
        account = User.objects.filter(email=user.strip().lower()).first()
        if account is None:
            raise CommandError(f"No user with e-mail {user}.")
        if expires_days is not None and expires_days < 1:
            raise CommandError("--expires-days must be 1 or more.")
        expires_at = timezone.now() + timedelta(days=expires_days) if expires_days else None
        try:
            token, key = api_token_create(
                user=account, name=name, created_by=None, expires_at=expires_at
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        expiry = f", expires {token.expires_at:%Y-%m-%d %H:%M %Z}" if token.expires_at else ""
        self.stdout.write(f"Token “{token.name}” acts as {account.email}{expiry}.")
        self.stdout.write("The key is shown only once; store it now:")
        self.stdout.write(key)
