"""manage.py import_realized: the same import as the page, bad rows as file:line: message."""

import pytest
from django.core.management import CommandError, call_command

from veche.realized.models import Project

from .test_import import GOOD, csv_bytes


def test_the_command_imports_once_and_reports_bad_lines(world, tmp_path, capsys):
    good = tmp_path / "past.csv"
    good.write_bytes(csv_bytes(GOOD))
    call_command("import_realized", str(good), "--as", world.regional_admin.email)
    call_command("import_realized", str(good), "--as", world.regional_admin.email)
    assert "unchanged 3" in capsys.readouterr().out
    assert Project.objects.count() == 3
    bad = tmp_path / "bad.csv"
    bad.write_bytes(
        csv_bytes([["Фонтан", "Нягань", "", "2019", "yards", "1", "1", "1", "1", "", ""]])
    )
    with pytest.raises(CommandError):
        call_command("import_realized", str(bad), "--as", world.regional_admin.email)
    assert "bad.csv:2:" in capsys.readouterr().err
    with pytest.raises(CommandError):
        call_command("import_realized", str(good), "--as", world.resident.email)
