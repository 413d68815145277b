"""The signed evaluation sheet: generated when every input is final, voided by the chair with a
reason until all have signed, signed with detached CMS signatures that are verified (bytes, CA,
validity, whose certificate), refused with a record; immutable once signed; tampering flagged."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from veche.budgeting import scoring
from veche.budgeting.models import Application, EvaluationSheet, Score, SheetSignature
from veche.budgeting.services import commission, sheets
from veche.budgeting.services.commission import ScoreIn
from veche.budgeting.tests.commission_helpers import (
    Pki,
    assignment_of,
    expired_window,
    score_everything,
    scoring_contest,
)
from veche.staff.models import StaffAuditLog


@pytest.fixture
def pki(tmp_path, settings):
    authority = Pki(tmp_path)
    settings.BUDGETING_TRUSTED_CAS = [str(authority.ca_path)]
    return authority


@pytest.fixture
def ready(world):
    setup = scoring_contest(world)
    score_everything(world, setup)
    return setup


def _sheet(setup):
    return sheets.sheet_generate(user=setup.chair, contest=setup.contest)


def _refusal(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.messages)


def test_the_sheet_waits_for_every_score(world):
    setup = scoring_contest(world)
    message = _refusal(lambda: _sheet(setup))
    assert "6" in message  # six assignments not scored
    assert not EvaluationSheet.objects.exists()


def test_the_chair_generates_a_pdf_with_its_sha256(ready):
    sheet = _sheet(ready)
    content = bytes(sheet.content)
    assert content.startswith(b"%PDF")
    assert sheet.sha256 == hashlib.sha256(content).hexdigest()
    assert [row["rank"] for row in sheet.snapshot["rows"]] == [1, 2, 3]
    import io

    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Оценочная ведомость № 1" in text and "Двор 3" in text  # Cyrillic, not «?»
    assert StaffAuditLog.objects.filter(action="budgeting.sheet_generate").exists()


def test_only_the_chair_or_organizer_generates(ready):
    with pytest.raises(PermissionDenied):
        sheets.sheet_generate(user=ready.expert, contest=ready.contest)


def test_scores_are_frozen_while_a_sheet_awaits_signatures(ready):
    _sheet(ready)
    before = list(Score.objects.values_list("pk", "value"))
    message = _refusal(
        lambda: commission.scores_save(
            user=ready.expert,
            assignment=assignment_of(ready.expert, ready.applications[0]),
            scores=[ScoreIn(ready.criteria.social.pk, "1")],
        )
    )
    assert "№ 1" in message or "No. 1" in message
    assert list(Score.objects.values_list("pk", "value")) == before


def test_the_chair_voids_with_a_reason_and_a_new_sheet_follows(world, ready):
    sheet = _sheet(ready)
    _refusal(lambda: sheets.sheet_void(user=ready.chair, sheet=sheet, reason=" "))
    with pytest.raises(PermissionDenied):
        sheets.sheet_void(user=ready.expert, sheet=sheet, reason="Ошибка")
    sheets.sheet_void(user=ready.chair, sheet=sheet, reason="Ошибка в оценке заявки 2")
    assert StaffAuditLog.objects.get(action="budgeting.sheet_void").details["reason"]
    commission.scores_save(
        user=ready.expert,
        assignment=assignment_of(ready.expert, ready.applications[0]),
        scores=[ScoreIn(ready.criteria.social.pk, "1")],
    )
    assert _sheet(ready).number == 2


def test_both_sign_then_the_sheet_is_signed_and_immutable(ready, pki):
    sheet = _sheet(ready)
    content = bytes(sheet.content)
    for user, pem in ((ready.chair, False), (ready.expert, True)):
        issued = pki.issue(user)
        signed = sheets.sheet_sign(
            user=user, sheet=sheet, signature=pki.sign(content, issued, pem=pem)
        )
        assert signed.signing_time is not None
        assert bytes(signed.signature)[:1] == b"0"  # stored as DER, PEM decoded
    sheet.refresh_from_db()
    assert sheet.status == EvaluationSheet.Status.SIGNED
    assert set(Application.objects.values_list("status", flat=True)) == {"evaluated"}
    application = ready.applications[0]
    assert application.timeline.filter(status="evaluated").exists()
    message = _refusal(
        lambda: commission.scores_save(
            user=ready.expert,
            assignment=assignment_of(ready.expert, ready.applications[0]),
            scores=[ScoreIn(ready.criteria.social.pk, "1")],
        )
    )
    assert "подписан" in message or "signed" in message
    _refusal(lambda: sheets.sheet_void(user=ready.chair, sheet=sheet, reason="Поздно"))
    check = scoring.sheet_check(sheet, sheet.signatures.all())
    assert check.intact


def _sign_refused(ready, pki, signature_for) -> str:
    sheet = _sheet(ready)
    before = SheetSignature.objects.count()
    message = _refusal(
        lambda: sheets.sheet_sign(
            user=ready.expert, sheet=sheet, signature=signature_for(bytes(sheet.content))
        )
    )
    assert SheetSignature.objects.count() == before
    return message


def test_a_signature_over_different_bytes_is_refused(ready, pki):
    issued = pki.issue(ready.expert)
    message = _sign_refused(ready, pki, lambda content: pki.sign(content + b" ", issued))
    assert "другие байты" in message or "other bytes" in message


def test_a_signature_by_an_unknown_ca_is_refused(ready, pki):
    from veche.budgeting.demo_ca import make_ca

    stranger = make_ca("Чужой УЦ")
    issued = pki.issue(ready.expert, ca=stranger)
    message = _sign_refused(ready, pki, lambda content: pki.sign(content, issued))
    assert "Чужой УЦ" in message


def test_a_signature_by_an_expired_certificate_is_refused(ready, pki):
    issued = pki.issue(ready.expert, **expired_window())
    message = _sign_refused(ready, pki, lambda content: pki.sign(content, issued))
    assert "истёк" in message or "expired" in message


def test_a_signature_with_another_experts_certificate_is_refused(ready, pki):
    chairs = pki.issue(ready.chair)
    message = _sign_refused(ready, pki, lambda content: pki.sign(content, chairs))
    assert "другому эксперту" in message or "another expert" in message


def test_an_unregistered_certificate_is_refused_with_its_fingerprint(ready, pki):
    issued = pki.issue(ready.expert, register=False)
    message = _sign_refused(ready, pki, lambda content: pki.sign(content, issued))
    assert "SHA-256" in message


def test_garbage_and_a_second_signature_are_refused(ready, pki):
    assert "CMS" in _sign_refused(ready, pki, lambda content: b"not a signature")
    sheet = EvaluationSheet.objects.get()
    issued = pki.issue(ready.expert)
    signature = pki.sign(bytes(sheet.content), issued)
    sheets.sheet_sign(user=ready.expert, sheet=sheet, signature=signature)
    message = _refusal(
        lambda: sheets.sheet_sign(user=ready.expert, sheet=sheet, signature=signature)
    )
    assert SheetSignature.objects.count() == 1
    assert message


def test_an_intermediate_ca_is_taken_from_the_signature(ready, pki, tmp_path):
    from veche.budgeting.demo_ca import make_ca

    intermediate = make_ca("Промежуточный УЦ", issuer=pki.ca)
    chain, _key = intermediate.write(tmp_path, "intermediate")
    issued = pki.issue(ready.expert, ca=intermediate)
    sheet = _sheet(ready)
    missing = _refusal(
        lambda: sheets.sheet_sign(
            user=ready.expert, sheet=sheet, signature=pki.sign(bytes(sheet.content), issued)
        )
    )
    assert "Промежуточный УЦ" in missing and "-certfile" in missing
    sheets.sheet_sign(
        user=ready.expert,
        sheet=sheet,
        signature=pki.sign(bytes(sheet.content), issued, certfile=chain),
    )


def test_a_refusal_to_sign_is_recorded_and_completes_the_sheet(ready, pki):
    sheet = _sheet(ready)
    sheets.sheet_refuse(user=ready.expert, sheet=sheet, reason="Не согласен с итогом")
    sheet.refresh_from_db()
    assert sheet.status == EvaluationSheet.Status.SIGNING  # nobody has signed yet
    issued = pki.issue(ready.chair)
    sheets.sheet_sign(
        user=ready.chair, sheet=sheet, signature=pki.sign(bytes(sheet.content), issued)
    )
    sheet.refresh_from_db()
    assert sheet.status == EvaluationSheet.Status.SIGNED
    assert sheet.signatures.get(refused=True).refusal_reason == "Не согласен с итогом"


def test_a_tampered_sheet_is_flagged(ready, pki):
    sheet = _sheet(ready)
    issued = pki.issue(ready.expert)
    sheets.sheet_sign(
        user=ready.expert, sheet=sheet, signature=pki.sign(bytes(sheet.content), issued)
    )
    EvaluationSheet.objects.filter(pk=sheet.pk).update(content=bytes(sheet.content) + b"%")
    sheet.refresh_from_db()
    check = scoring.sheet_check(sheet, sheet.signatures.all())
    assert not check.bytes_intact
    assert not any(check.signatures.values())


def test_a_certificate_is_registered_once(world, ready, pki):
    issued = pki.issue(ready.expert, register=False)
    registered = sheets.certificate_register(user=ready.expert, data=issued.certificate_pem)
    assert len(registered.sha256) == 64
    _refusal(lambda: sheets.certificate_register(user=ready.chair, data=issued.certificate_pem))
    _refusal(lambda: sheets.certificate_register(user=ready.chair, data=b"nonsense"))


def test_the_applicants_hear_of_the_evaluation(ready, pki):
    from veche.budgeting.notices import deliver
    from veche.notifications.models import Notification

    sheet = _sheet(ready)
    for user in (ready.chair, ready.expert):
        sheets.sheet_sign(
            user=user, sheet=sheet, signature=pki.sign(bytes(sheet.content), pki.issue(user))
        )
    application = ready.applications[0]
    deliver(kind="evaluated", application_id=application.pk)  # again: told once
    told = Notification.objects.filter(kind="budgeting.evaluated", subject_id=str(application.pk))
    assert told.count() == 1


def test_the_commission_is_frozen_with_its_sheet(world, ready):
    from veche.accounts.tests.factories import UserFactory
    from veche.budgeting.models import CommissionMember

    _sheet(ready)
    _refusal(
        lambda: commission.member_add(
            user=world.surgut_admin, contest=ready.contest, person=UserFactory(), role="expert"
        )
    )
    member = CommissionMember.objects.get(user=ready.expert)
    _refusal(lambda: commission.member_remove(user=world.surgut_admin, member=member))
    assert CommissionMember.objects.filter(contest=ready.contest).count() == 2
