"""document_verification_submit / _decide and verification_revoke."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from PIL import Image

from veche.accounts.tests.factories import UnconfirmedUserFactory, UserFactory
from veche.territory.tests.factories import SettlementFactory
from veche.verification.models import Verification
from veche.verification.services import (
    document_verification_decide,
    document_verification_submit,
    verification_revoke,
)
from veche.verification.storage import document_storage

from .factories import (
    EXE_BYTES,
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    DocumentVerificationFactory,
    moderator,
    regional_admin,
)

pytestmark = pytest.mark.django_db


def upload(content: bytes, name: str = "passport.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files() -> list[str]:
    storage = document_storage()
    try:
        return storage.listdir("verification")[1]
    except FileNotFoundError:
        return []


@pytest.mark.parametrize(
    ("content", "detected"),
    [(JPEG_BYTES, "image/jpeg"), (PNG_BYTES, "image/png"), (PDF_BYTES, "application/pdf")],
)
def test_accepted_types_are_stored_under_a_random_name(content, detected):
    user = UserFactory(last_name="Петров")
    verification = document_verification_submit(
        user=user, file=upload(content, name="Петров паспорт.jpg"), note=" скан "
    )
    assert verification.status == Verification.Status.PENDING
    assert verification.document_type == detected
    assert verification.note == "скан"
    assert "Петров" not in verification.document.name
    assert len(verification.document.name) > 40
    with verification.document.open("rb") as stored:
        data = stored.read()
    if detected == "application/pdf":
        assert data == content
    else:  # re-encoded from the pixels: same picture, none of the original bytes' metadata
        assert Image.open(io.BytesIO(data)).size == Image.open(io.BytesIO(content)).size


def test_two_uploads_get_different_names():
    first = document_verification_submit(user=UserFactory(), file=upload(PNG_BYTES))
    second = document_verification_submit(user=UserFactory(), file=upload(PNG_BYTES))
    assert first.document.name != second.document.name


def test_executable_renamed_to_jpg_is_refused_and_nothing_is_written():
    files_before = stored_files()
    with pytest.raises(ValidationError) as error:
        document_verification_submit(
            user=UserFactory(), file=upload(EXE_BYTES, name="passport.jpg")
        )
    assert error.value.messages == ["«passport.jpg»: приложите файл PDF, JPEG или PNG."]
    assert not Verification.objects.exists()
    assert stored_files() == files_before


def test_oversize_file_is_refused_and_nothing_is_written(settings):
    settings.MEDIA_MAX_DOCUMENT_MB = 1
    big = JPEG_BYTES + b"\x00" * (1024 * 1024)
    files_before = stored_files()
    with pytest.raises(ValidationError) as error:
        document_verification_submit(user=UserFactory(), file=upload(big))
    assert error.value.messages == [
        "«passport.jpg»: файл слишком большой, допускается не более 1 МБ."
    ]
    assert not Verification.objects.exists()
    assert stored_files() == files_before


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        document_verification_submit(user=UserFactory(), file=upload(b""))
    assert error.value.messages == ["Выберите файл со сканом или фотографией документа."]


def test_user_without_confirmed_email_cannot_submit():
    files_before = stored_files()
    with pytest.raises(PermissionDenied):
        document_verification_submit(user=UnconfirmedUserFactory(), file=upload(PNG_BYTES))
    assert not Verification.objects.exists()
    assert stored_files() == files_before


def test_second_pending_document_is_refused_and_its_file_not_kept():
    user = UserFactory()
    first = document_verification_submit(user=user, file=upload(PNG_BYTES))
    files_before = stored_files()
    with pytest.raises(ValidationError) as error:
        document_verification_submit(user=user, file=upload(PDF_BYTES))
    assert error.value.messages == ["Ваш документ уже ждёт решения модератора."]
    assert Verification.objects.filter(user=user).count() == 1
    assert stored_files() == files_before
    assert first.document.name.rsplit("/", 1)[1] in files_before


def test_database_allows_one_pending_verification_per_user_and_method():
    verification = DocumentVerificationFactory()
    with pytest.raises(IntegrityError):
        DocumentVerificationFactory(user=verification.user)


# --- decisions --------------------------------------------------------------------------------


def test_moderator_of_surgut_cannot_decide_a_resident_of_urai(surgut, resident_of_urai):
    verification = DocumentVerificationFactory(user=resident_of_urai)
    with pytest.raises(PermissionDenied):
        document_verification_decide(
            moderator=moderator(municipality=surgut), verification=verification, approve=True
        )
    verification.refresh_from_db()
    resident_of_urai.refresh_from_db()
    assert verification.status == Verification.Status.PENDING
    assert resident_of_urai.verified_at is None


@pytest.mark.parametrize("make_decider", ["urai", "region", "regional_admin"])
def test_moderator_covering_the_resident_approves(make_decider, urai, resident_of_urai):
    decider = {
        "urai": lambda: moderator(municipality=urai),
        "region": lambda: moderator(),
        "regional_admin": regional_admin,
    }[make_decider]()
    verification = DocumentVerificationFactory(user=resident_of_urai)
    document_verification_decide(moderator=decider, verification=verification, approve=True)
    verification.refresh_from_db()
    resident_of_urai.refresh_from_db()
    assert verification.status == Verification.Status.APPROVED
    assert verification.decided_by == decider
    assert resident_of_urai.verified_at == verification.decided_at
    assert resident_of_urai.verification_method == "document"


def test_rejection_needs_a_reason(resident_of_urai):
    verification = DocumentVerificationFactory(user=resident_of_urai)
    with pytest.raises(ValidationError) as error:
        document_verification_decide(
            moderator=moderator(), verification=verification, approve=False, reason="  "
        )
    assert error.value.messages == ["Укажите причину: житель её увидит."]
    verification.refresh_from_db()
    assert verification.status == Verification.Status.PENDING


def test_rejection_with_reason_leaves_the_resident_unverified(resident_of_urai):
    verification = DocumentVerificationFactory(user=resident_of_urai)
    document_verification_decide(
        moderator=moderator(), verification=verification, approve=False, reason="Нечитаемо"
    )
    verification.refresh_from_db()
    resident_of_urai.refresh_from_db()
    assert (verification.status, verification.reason) == ("rejected", "Нечитаемо")
    assert resident_of_urai.verified_at is None


def test_a_decided_request_cannot_be_decided_again(resident_of_urai):
    verification = DocumentVerificationFactory(user=resident_of_urai)
    decider = moderator()
    document_verification_decide(moderator=decider, verification=verification, approve=True)
    with pytest.raises(ValidationError) as error:
        document_verification_decide(
            moderator=decider, verification=verification, approve=False, reason="Ошибка"
        )
    assert error.value.messages == ["По этой заявке уже принято решение."]


def test_moderator_cannot_decide_his_own_request(urai):
    own = moderator(municipality=urai)
    own.settlement = SettlementFactory(municipality=urai)
    own.save()
    verification = DocumentVerificationFactory(user=own)
    with pytest.raises(PermissionDenied):
        document_verification_decide(moderator=own, verification=verification, approve=True)


def test_resident_cannot_decide(resident_of_urai):
    verification = DocumentVerificationFactory(user=resident_of_urai)
    with pytest.raises(PermissionDenied):
        document_verification_decide(
            moderator=UserFactory(), verification=verification, approve=True
        )


# --- revocation -------------------------------------------------------------------------------


def test_revocation_unverifies_the_resident(resident_of_urai):
    decider = moderator()
    verification = DocumentVerificationFactory(user=resident_of_urai)
    document_verification_decide(moderator=decider, verification=verification, approve=True)
    verification_revoke(moderator=decider, verification=verification, reason="Подделка")
    verification.refresh_from_db()
    resident_of_urai.refresh_from_db()
    assert verification.status == Verification.Status.REVOKED
    assert verification.revoked_by == decider
    assert resident_of_urai.verified_at is None
    assert resident_of_urai.verification_method == ""


def test_revocation_needs_an_approved_verification_and_a_reason(resident_of_urai):
    verification = DocumentVerificationFactory(user=resident_of_urai)
    with pytest.raises(ValidationError) as error:
        verification_revoke(moderator=moderator(), verification=verification, reason="Подделка")
    assert error.value.messages == ["Отозвать можно только одобренное подтверждение."]
    with pytest.raises(ValidationError):
        verification_revoke(moderator=moderator(), verification=verification, reason="")


def test_revocation_by_a_moderator_elsewhere_is_refused(surgut, resident_of_urai):
    verification = DocumentVerificationFactory(user=resident_of_urai)
    document_verification_decide(moderator=moderator(), verification=verification, approve=True)
    with pytest.raises(PermissionDenied):
        verification_revoke(
            moderator=moderator(municipality=surgut), verification=verification, reason="x"
        )
    resident_of_urai.refresh_from_db()
    assert resident_of_urai.verified_at is not None
