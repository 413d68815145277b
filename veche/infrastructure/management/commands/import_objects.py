"""Import the infrastructure programme's objects from a CSV or XLSX file: the whole file or
nothing, every bad row reported with its line number, a progress bar on the terminal
(docs/infrastructure.md, "Import")."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from veche.accounts.models import User
from veche.core.tables import read_table
from veche.infrastructure.services import ImportRefused, facilities_import, import_table


class Command(BaseCommand):
    help = "Import infrastructure objects from a CSV or XLSX file (idempotent on the source id)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="a .csv or .xlsx file")
        parser.add_argument(
            "--as",
            dest="email",
            help="the e-mail of the importing regional admin (audited); without it, the system",
        )

    def handle(self, *args, path: str, email: str | None, **options) -> None:
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No file {path}.")
        data = file.read_bytes()
        try:
            if email:
                user = User.objects.filter(email__iexact=email).first()
                if user is None:
                    raise CommandError(f"No user with the e-mail {email}.")
                result = facilities_import(
                    user=user, data=data, filename=file.name, progress=self._bar
                )
            else:
                result = import_table(
                    read_table(data, file.name),
                    actor=None,
                    filename=file.name,
                    progress=self._bar,
                )
        except ImportRefused as refused:
            self._end_bar()
            for line, message in refused.errors:
                self.stderr.write(f"{file.name}:{line}: {message}")
            raise CommandError(f"Nothing imported: {len(refused.errors)} bad rows.") from None
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        self._end_bar()
        self.stdout.write(
            f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}"
        )

    _drawn = False

    def _bar(self, done: int, total: int) -> None:
        width = 40
        filled = width * done // max(total, 1)
        line = f"\rchecking rows [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        self.stderr.write(line, ending="")
        self.stderr.flush()
        self._drawn = True

    def _end_bar(self) -> None:
        if self._drawn:
            self.stderr.write("")
            self._drawn = False
