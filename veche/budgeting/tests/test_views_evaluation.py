"""The commission's pages with plain posts, and the acceptance's round trip: a sheet signed with
`openssl cms -sign`, uploaded through the web form and through the API, the downloaded bundle
verified with `openssl cms -verify` against the demo CA."""

import io
import subprocess
import zipfile

import pytest
from django.urls import reverse

from veche.budgeting.models import Assignment, CommissionMember, EvaluationSheet, Score
from veche.budgeting.services import sheets
from veche.budgeting.tests.commission_helpers import (
    Pki,
    assignment_of,
    score_everything,
    scoring_contest,
)


@pytest.fixture
def pki(tmp_path, settings):
    authority = Pki(tmp_path)
    settings.BUDGETING_TRUSTED_CAS = [str(authority.ca_path)]
    return authority


def test_the_organizer_seats_and_assigns_through_the_page(client, world):
    from veche.accounts.tests.factories import UserFactory, VerifiedUserFactory

    setup = scoring_contest(world)
    client.force_login(world.surgut_admin)
    UserFactory(email="unverified@example.org")
    refused = client.post(
        reverse("budgeting:commission", args=[setup.contest.pk]),
        {"email": "unverified@example.org", "role": "jury"},
    )
    assert refused.status_code == 400
    juror = VerifiedUserFactory(email="juror@example.org")
    client.force_login(world.surgut_admin)
    url = reverse("budgeting:commission", args=[setup.contest.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "juror@example.org", "role": "jury"})
    assert response.status_code == 302
    member = CommissionMember.objects.get(user=juror)
    response = client.post(
        reverse("budgeting:commission_assign", args=[setup.contest.pk]),
        {"members": [member.pk], "applications": [setup.applications[0].pk]},
    )
    assert response.status_code == 302
    assert Assignment.objects.filter(member=member).count() == 1
    response = client.post(
        reverse("budgeting:commission_assign", args=[setup.contest.pk]), {"all": "1"}
    )
    assert Assignment.objects.filter(member=member).count() == 3


def test_the_organizer_sees_a_candidates_signals_before_seating_him_on_the_jury(client, world):
    from veche.budgeting.tests.test_services_commission import flagged_resident

    setup = scoring_contest(world)
    suspect = flagged_resident()
    client.force_login(world.surgut_admin)
    url = reverse("budgeting:commission", args=[setup.contest.pk])
    asked = client.post(url, {"email": suspect.email, "role": "jury"})
    assert asked.status_code == 400
    page = asked.content.decode()
    assert 'class="signals-of-account"' in page and 'name="signals_checked"' in page
    assert not CommissionMember.objects.filter(user=suspect).exists()
    seated = client.post(url, {"email": suspect.email, "role": "jury", "signals_checked": "on"})
    assert seated.status_code == 302
    assert CommissionMember.objects.get(user=suspect).role == "jury"
    assert 'class="signals-of-account"' in client.get(url).content.decode()  # beside him


def test_others_do_not_see_the_commission_page(client, world):
    setup = scoring_contest(world)
    client.force_login(setup.expert)
    url = reverse("budgeting:commission", args=[setup.contest.pk])
    assert client.get(url).status_code == 403


def test_an_expert_scores_through_the_form(client, world):
    setup = scoring_contest(world)
    client.force_login(setup.expert)
    assert client.get(reverse("budgeting:scoring", args=[setup.contest.pk])).status_code == 200
    assignment = assignment_of(setup.expert, setup.applications[0])
    url = reverse("budgeting:score", args=[assignment.pk])
    page = client.get(url)
    assert "Доля жителей" in page.content.decode()  # the computed criterion, filled
    social, quality = setup.criteria.social.pk, setup.criteria.quality.pk
    response = client.post(
        url,
        {f"score-{social}": "11", f"comment-{social}": "", f"score-{quality}": "4"},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 400
    assert "Социальная значимость: от 0 до 10." in response.content.decode()
    assert not Score.objects.exists()
    response = client.post(
        url, {f"score-{social}": "9", f"comment-{social}": "Нужно", f"score-{quality}": "4"}
    )
    assert response.status_code == 302
    assert Score.objects.count() == 2


def test_a_declared_conflict_closes_the_form(client, world):
    setup = scoring_contest(world)
    client.force_login(setup.expert)
    assignment = assignment_of(setup.expert, setup.applications[0])
    response = client.post(
        reverse("budgeting:conflict", args=[assignment.pk]), {"note": "Мой сосед"}
    )
    assert response.status_code == 302
    page = client.get(reverse("budgeting:score", args=[assignment.pk])).content.decode()
    assert 'name="score-' not in page
    social = setup.criteria.social.pk
    response = client.post(
        reverse("budgeting:score", args=[assignment.pk]), {f"score-{social}": "5"}
    )
    assert response.status_code == 400
    assert not Score.objects.exists()


def test_nobody_opens_another_experts_assignment(client, world):
    setup = scoring_contest(world)
    client.force_login(setup.chair)
    assignment = assignment_of(setup.expert, setup.applications[0])
    assert client.get(reverse("budgeting:score", args=[assignment.pk])).status_code == 404


def _unzip(data: bytes, folder) -> list:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
        return archive.namelist()


def test_signed_with_openssl_through_the_form_and_the_api_and_verified_by_openssl(
    client, world, pki, tmp_path
):
    setup = scoring_contest(world)
    score_everything(world, setup)
    client.force_login(setup.chair)
    response = client.post(reverse("budgeting:sheet_generate", args=[setup.contest.pk]))
    assert response.status_code == 302
    sheet = EvaluationSheet.objects.get()
    page = client.get(reverse("budgeting:sheet", args=[setup.contest.pk])).content.decode()
    assert sheet.sha256 in page
    pdf = client.get(reverse("budgeting:sheet_pdf", args=[sheet.pk]))
    downloaded = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content

    # the chair signs with openssl and uploads through the web form
    chair_sig = pki.sign(downloaded, pki.issue(setup.chair))
    upload = io.BytesIO(chair_sig)
    upload.name = "sheet.pdf.sig"
    response = client.post(
        reverse("budgeting:sheet_sign", args=[setup.contest.pk]), {"signature": upload}
    )
    assert response.status_code == 302, response.content.decode()

    # the expert signs (PEM) and uploads through the API
    client.force_login(setup.expert)
    expert_sig = pki.sign(downloaded, pki.issue(setup.expert), pem=True)
    upload = io.BytesIO(expert_sig)
    upload.name = "sheet.pdf.pem"
    response = client.post(
        f"/api/v1/budgeting/contests/{setup.contest.pk}/sheet/signatures", {"signature": upload}
    )
    assert response.status_code == 201, response.content.decode()
    assert response.json()["certificate_sha256"]
    sheet.refresh_from_db()
    assert sheet.status == EvaluationSheet.Status.SIGNED

    # anyone downloads the bundle and verifies it with openssl against the demo CA
    client.logout()
    listed = client.get(f"/api/v1/budgeting/contests/{setup.contest.pk}/sheets").json()
    assert [s["status"] for s in listed] == ["signed"]
    bundle = client.get(listed[0]["bundle_url"])
    names = _unzip(bundle.content, tmp_path / "bundle")
    signatures = [n for n in names if n.startswith("signatures/")]
    assert len(signatures) == 2
    for name in signatures:
        subprocess.run(
            [
                "openssl", "cms", "-verify", "-binary", "-inform", "DER",
                "-in", str(tmp_path / "bundle" / name),
                "-content", str(tmp_path / "bundle" / "sheet.pdf"),
                "-CAfile", str(pki.ca_path), "-purpose", "any", "-out", "/dev/null",
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip


def test_a_refused_signature_comes_back_on_the_form_and_the_api(client, world, pki):
    setup = scoring_contest(world)
    score_everything(world, setup)
    sheet = sheets.sheet_generate(user=setup.chair, contest=setup.contest)
    client.force_login(setup.expert)
    wrong = pki.sign(bytes(sheet.content) + b"x", pki.issue(setup.expert))
    upload = io.BytesIO(wrong)
    upload.name = "s.sig"
    response = client.post(
        reverse("budgeting:sheet_sign", args=[setup.contest.pk]),
        {"signature": upload},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 400
    assert "другие байты" in response.content.decode()
    upload.seek(0)
    response = client.post(
        f"/api/v1/budgeting/contests/{setup.contest.pk}/sheet/signatures", {"signature": upload}
    )
    assert response.status_code == 422
    empty = client.post(f"/api/v1/budgeting/contests/{setup.contest.pk}/sheet/signatures", {})
    assert empty.status_code == 422 and empty.json()["detail"][0]["loc"][-1] == "signature"
    assert not sheet.signatures.exists()


def test_a_tampered_sheet_is_flagged_on_its_page(client, world, pki):
    setup = scoring_contest(world)
    score_everything(world, setup)
    sheet = sheets.sheet_generate(user=setup.chair, contest=setup.contest)
    EvaluationSheet.objects.filter(pk=sheet.pk).update(content=bytes(sheet.content) + b"%")
    page = client.get(reverse("budgeting:sheet", args=[setup.contest.pk])).content.decode()
    assert "Ведомость не проходит проверку" in page


def test_an_expert_registers_his_certificate(client, world, pki):
    setup = scoring_contest(world)
    client.force_login(setup.expert)
    issued = pki.issue(setup.expert, register=False)
    upload = io.BytesIO(issued.certificate_pem)
    upload.name = "expert.crt"
    response = client.post(reverse("budgeting:certificates"), {"certificate": upload})
    assert response.status_code == 302
    assert setup.expert.signing_certificates.count() == 1
    upload = io.BytesIO(b"junk")
    upload.name = "x.crt"
    response = client.post(reverse("budgeting:certificates"), {"certificate": upload})
    assert response.status_code == 400


def test_an_evaluated_application_stays_public_and_in_the_queue(client, world):
    from veche.budgeting.models import Application

    setup = scoring_contest(world, applications=1)
    application = setup.applications[0]
    Application.objects.filter(pk=application.pk).update(status="evaluated")
    assert client.get(application.get_absolute_url()).status_code == 200
    listed = client.get(f"/api/v1/budgeting/contests/{setup.contest.pk}/applications").json()
    assert [a["id"] for a in listed["items"]] == [application.pk]
    client.force_login(world.surgut_admin)
    queue = client.get(reverse("budgeting:review", args=[setup.contest.pk]) + "?status=admitted")
    assert queue.status_code == 200
    assert application.title in queue.content.decode()  # in the admitted tab
