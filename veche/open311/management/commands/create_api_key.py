"""Issue an Open311 / REST API key for a city app: `manage.py create_api_key NAME`.

The new key is printed as the last line; it is shown once and stored only as a hash."""

from django.core.management.base import BaseCommand

from veche.open311.services import integration_key_create


class Command(BaseCommand):
    help = "Create an API key for an Open311 client; prints the key as the last line."

    def add_arguments(self, parser):
        parser.add_argument("name", help="who the key is for, e.g. 'Мобильное приложение Сургута'")

    def handle(self, *args, name: str, **options):
        token, key = integration_key_create(name=name)
        self.stdout.write(f"API key «{token.name}» acts as {token.user.email}. Keep it secret:")
        self.stdout.write(key)
