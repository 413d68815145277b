"""Import realized projects from a CSV or XLSX file, as the staff import page does: the whole file
or nothing, every bad row reported with its line number (docs/realized.md, "Import")."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from veche.accounts.models import User
from veche.realized.services import ImportRefused, projects_import


class Command(BaseCommand):
    help = "Import realized initiative projects from a CSV or XLSX file (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="a .csv or .xlsx file")
        parser.add_argument(
            "--as", dest="email", required=True, help="the e-mail of the importing admin (audited)"
        )

    def handle(self, *args, path: str, email: str, **options) -> None:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No user with the e-mail {email}.")
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No file {path}.")
        try:
            result = projects_import(user=user, data=file.read_bytes(), filename=file.name)
        except ImportRefused as refused:
            for line, message in refused.errors:
                self.stderr.write(f"{file.name}:{line}: {message}")
            raise CommandError(f"Nothing imported: {len(refused.errors)} bad rows.") from None
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}"
        )
