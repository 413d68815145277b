"""The commission's personal data (export, deletion), the demo CA command, the demo's
commission."""

from io import StringIO

from django.core.management import call_command

from veche.budgeting.models import CommissionMember, ExpertCertificate, Score
from veche.budgeting.privacy_commission import deletion_hook, export_section
from veche.budgeting.services import sheets
from veche.budgeting.tests.commission_helpers import Pki, score_everything, scoring_contest


def test_export_and_deletion(world, tmp_path, settings):
    setup = scoring_contest(world)
    score_everything(world, setup)
    pki = Pki(tmp_path)
    pki.issue(setup.expert)
    exported = export_section(setup.expert)
    assert exported["commission_seats"][0]["role"] == "expert"
    assert len(exported["scores"]) == 6
    assert exported["signing_certificates"]
    late = CommissionMember.objects.create(contest=setup.contest, user=world.resident, role="jury")
    deletion_hook(setup.expert)
    deletion_hook(world.resident)
    assert not ExpertCertificate.objects.filter(user=setup.expert).exists()
    assert CommissionMember.objects.filter(user=setup.expert).exists()  # his scores: the record
    assert Score.objects.filter(assignment__member__user=setup.expert).count() == 6
    assert not CommissionMember.objects.filter(pk=late.pk).exists()


def test_the_demo_ca_command_gives_each_expert_a_certificate_that_signs(world, tmp_path, settings):
    import subprocess

    setup = scoring_contest(world)
    score_everything(world, setup)
    out = StringIO()
    call_command("budgeting_demo_ca", folder=str(tmp_path), stdout=out)
    call_command("budgeting_demo_ca", folder=str(tmp_path), stdout=StringIO())  # again: kept
    assert ExpertCertificate.objects.filter(user__in=[setup.chair, setup.expert]).count() == 2
    settings.BUDGETING_TRUSTED_CAS = [str(tmp_path / "ca.crt")]
    sheet = sheets.sheet_generate(user=setup.chair, contest=setup.contest)
    (tmp_path / "sheet.pdf").write_bytes(bytes(sheet.content))
    stem = setup.expert.email.split("@")[0]
    subprocess.run(
        [
            "openssl", "cms", "-sign", "-binary", "-in", str(tmp_path / "sheet.pdf"),
            "-signer", str(tmp_path / f"{stem}.crt"), "-inkey", str(tmp_path / f"{stem}.key"),
            "-outform", "DER", "-out", str(tmp_path / "sheet.pdf.sig"),
        ],
        check=True,
    )  # fmt: skip
    sheets.sheet_sign(
        user=setup.expert, sheet=sheet, signature=(tmp_path / "sheet.pdf.sig").read_bytes()
    )
    assert "BUDGETING_TRUSTED_CAS" in out.getvalue()


def test_the_demo_seats_a_commission_once(db, settings, tmp_path):
    from veche.budgeting import demo, demo_evaluation
    from veche.budgeting.models import Assignment
    from veche.budgeting.tests.test_demo import _seed_all_before_budgeting

    settings.MEDIA_ROOT = tmp_path
    _seed_all_before_budgeting()
    demo.seed()
    demo_evaluation.seed()
    demo_evaluation.seed()
    seats = CommissionMember.objects.filter(contest__title=demo_evaluation.CONTEST)
    assert sorted(seats.values_list("role", flat=True)) == ["chair", "expert"]
    admitted = seats.first().contest.applications.filter(status="admitted").count()
    assert admitted >= 2
    assert Assignment.objects.filter(member__in=seats).count() == 2 * admitted  # all to all
    assert len(demo_evaluation.demo_experts()) == 2
