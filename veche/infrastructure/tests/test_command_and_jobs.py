"""`manage.py import_objects FILE` and the admin's background import (its job row)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from veche.infrastructure.models import Facility, ImportJob
from veche.infrastructure.services.jobs import job_start

from .test_import import GOOD, csv_quoted


def test_the_command_imports_a_file_and_draws_progress(world, tmp_path, capsys):
    path = tmp_path / "objects.csv"
    path.write_bytes(csv_quoted(GOOD))
    call_command("import_objects", str(path))
    out = capsys.readouterr()
    assert "created 3, updated 0, unchanged 0" in out.out
    assert "3/3" in out.err
    call_command("import_objects", str(path), "--as", world.regional_admin.email)
    assert "unchanged 3" in capsys.readouterr().out


def test_the_command_lists_bad_lines_and_imports_nothing(world, tmp_path, capsys):
    bad = [row[:] for row in GOOD]
    bad[1][2] = "Космодромы"
    path = tmp_path / "objects.csv"
    path.write_bytes(csv_quoted(bad))
    with pytest.raises(CommandError, match="1 bad rows"):
        call_command("import_objects", str(path))
    assert "objects.csv:3:" in capsys.readouterr().err
    assert Facility.objects.count() == 0


def test_an_admin_upload_runs_as_a_task_and_records_its_outcome(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = job_start(
        user=world.regional_admin, upload=SimpleUploadedFile("objects.csv", csv_quoted(GOOD))
    )
    job.refresh_from_db()  # the test settings run tasks at once
    assert job.state == ImportJob.State.DONE
    assert job.result == {"created": 3, "updated": 0, "unchanged": 0}
    assert (job.rows_done, job.rows_total) == (3, 3)
    bad = [row[:] for row in GOOD]
    bad[0][10] = "31.02.2024"
    job = job_start(
        user=world.regional_admin, upload=SimpleUploadedFile("bad.csv", csv_quoted(bad))
    )
    job.refresh_from_db()
    assert job.state == ImportJob.State.REFUSED
    assert job.errors[0][0] == 2
