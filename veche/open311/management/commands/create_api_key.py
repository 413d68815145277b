"""Issue an Open311 / REST API key for a city app: `manage.py create_api_key NAME [--trusted]`.

`--trusted` marks the region's own contact centre or app: its Open311 filings skip
pre-moderation (published and routed at once).

The new key is printed as the last line; it is shown once and stored only as a hash."""

from django.core.management.base import BaseCommand

from veche.open311.services import integration_key_create


class Command(BaseCommand):
    help = "Create an API key for an Open311 client; prints the key as the last line."

    def add_arguments(self, parser):
        parser.add_argument("name", help="who the key is for, e.g. 'Мобильное приложение Сургута'")
        parser.add_argument(
            "--trusted",
            action="store_true",
            help="the region's own contact centre or app: its filings skip pre-moderation",
        )

    def handle(self, *args, name: str, trusted: bool, **options):
        token, key = integration_key_create(name=name, trusted=trusted)
        trust = " It is trusted: its reports skip pre-moderation." if trusted else ""
        self.stdout.write(
            f"API key «{token.name}» acts as {token.user.email}.{trust} Keep it secret:"
        )
        self.stdout.write(key)
