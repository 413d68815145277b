"""The verification pages, driven as a browser without JavaScript would drive them."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from veche.accounts.tests.factories import UnconfirmedUserFactory, UserFactory
from veche.core import sms
from veche.territory.tests.factories import SettlementFactory
from veche.verification.models import Verification

from .factories import EXE_BYTES, PNG_BYTES, DocumentVerificationFactory, moderator

pytestmark = pytest.mark.django_db


def test_phone_flow_end_to_end(client, django_capture_on_commit_callbacks):
    user = UserFactory(phone="+79125550011")
    client.force_login(user)
    page = client.get(reverse("verification:start")).content.decode()
    assert "Ваша личность ещё не подтверждена" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("verification:phone_start"), {"phone": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("verification:phone_confirm")
    assert sms.outbox[0].phone == "+79125550011"
    code = re.search(r"\b(\d{6})\b", sms.outbox[0].text).group(1)

    wrong = f"{(int(code) + 1) % 10**6:06d}"
    response = client.post(reverse("verification:phone_confirm"), {"code": wrong})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Неверный код. Осталось попыток: 4." in page
    # The code field is described by its hint and its error, and the summary links to it.
    assert 'aria-describedby="id_code_helptext id_code_error"' in page
    assert 'aria-invalid="true"' in page and '<ul class="errorlist" id="id_code_error">' in page
    assert 'role="alert"' in page and 'href="#id_code"' in page

    response = client.post(reverse("verification:phone_confirm"), {"code": code})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.verification_method == "phone"
    page = client.get(reverse("verification:start")).content.decode()
    assert "Ваша личность подтверждена" in page


def test_unconfirmed_user_sees_why_and_cannot_request_a_code(client):
    client.force_login(UnconfirmedUserFactory())
    page = client.get(reverse("verification:start")).content.decode()
    assert "Сначала подтвердите адрес электронной почты" in page
    assert reverse("verification:phone_start") not in page
    response = client.post(reverse("verification:phone_start"), {"phone": ""})
    assert response.status_code == 403
    assert sms.outbox == []


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("verification:start"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_upload_of_a_renamed_executable_shows_a_russian_error(client):
    client.force_login(UserFactory())
    fake = SimpleUploadedFile("passport.jpg", EXE_BYTES, content_type="image/jpeg")
    response = client.post(reverse("verification:document_upload"), {"document": fake})
    assert response.status_code == 200
    assert "«passport.jpg»: приложите файл PDF, JPEG или PNG." in response.content.decode()
    assert not Verification.objects.exists()


def test_upload_of_a_document_sends_it_to_moderators(client):
    user = UserFactory()
    client.force_login(user)
    scan = SimpleUploadedFile("scan.png", PNG_BYTES, content_type="image/png")
    response = client.post(
        reverse("verification:document_upload"), {"document": scan, "note": "паспорт"}
    )
    assert response.status_code == 302
    verification = Verification.objects.get(user=user)
    assert verification.method == "document" and verification.note == "паспорт"


def test_queue_lists_only_the_moderators_territory(client, surgut, urai, resident_of_urai):
    in_urai = DocumentVerificationFactory(user=resident_of_urai)
    in_surgut = DocumentVerificationFactory(
        user=UserFactory(settlement=SettlementFactory(municipality=surgut))
    )
    client.force_login(moderator(municipality=surgut))
    page = client.get(reverse("verification:queue")).content.decode()
    assert reverse("verification:document", args=[in_surgut.pk]) in page
    assert reverse("verification:document", args=[in_urai.pk]) not in page


def test_queue_is_for_moderators_only(client):
    client.force_login(UserFactory())
    assert client.get(reverse("verification:queue")).status_code == 403


def test_moderator_of_surgut_gets_403_for_urai(client, surgut, resident_of_urai):
    verification = DocumentVerificationFactory(user=resident_of_urai)
    client.force_login(moderator(municipality=surgut))
    url = reverse("verification:decide", args=[verification.pk])
    response = client.post(url, {f"v{verification.pk}-decision": "approve"})
    assert response.status_code == 403
    assert client.get(reverse("verification:document", args=[verification.pk])).status_code == 403
    assert client.get(reverse("verification:detail", args=[verification.pk])).status_code == 403
    verification.refresh_from_db()
    assert verification.status == "pending"


def test_region_wide_moderator_approves_from_the_queue(client, resident_of_urai):
    verification = DocumentVerificationFactory(user=resident_of_urai)
    client.force_login(moderator())
    url = reverse("verification:decide", args=[verification.pk])
    response = client.post(url, {f"v{verification.pk}-decision": "approve"})
    assert response.status_code == 302
    resident_of_urai.refresh_from_db()
    assert resident_of_urai.verification_method == "document"


def test_rejection_without_reason_is_refused_on_the_page(client, resident_of_urai):
    verification = DocumentVerificationFactory(user=resident_of_urai)
    client.force_login(moderator())
    url = reverse("verification:decide", args=[verification.pk])
    response = client.post(url, {f"v{verification.pk}-decision": "reject"})
    assert response.status_code == 400
    assert "Укажите причину: житель её увидит." in response.content.decode()
    verification.refresh_from_db()
    assert verification.status == "pending"


def test_document_is_served_to_a_moderator_in_scope(client, urai, resident_of_urai):
    verification = DocumentVerificationFactory(user=resident_of_urai)
    client.force_login(moderator(municipality=urai))
    response = client.get(reverse("verification:document", args=[verification.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PNG_BYTES


def test_document_is_not_served_to_its_owner_or_anonymous(client, resident_of_urai):
    verification = DocumentVerificationFactory(user=resident_of_urai)
    url = reverse("verification:document", args=[verification.pk])
    assert client.get(url).status_code == 302
    client.force_login(resident_of_urai)
    assert client.get(url).status_code == 403


def test_moderator_revokes_from_the_detail_page(client, resident_of_urai):
    verification = DocumentVerificationFactory(user=resident_of_urai)
    decider = moderator()
    client.force_login(decider)
    client.post(
        reverse("verification:decide", args=[verification.pk]),
        {f"v{verification.pk}-decision": "approve"},
    )
    response = client.post(
        reverse("verification:revoke", args=[verification.pk]), {"reason": "Подделка"}
    )
    assert response.status_code == 302
    resident_of_urai.refresh_from_db()
    assert resident_of_urai.verified_at is None


def test_start_page_links_moderators_to_the_queue(client):
    queue = reverse("verification:queue")
    client.force_login(UserFactory())
    assert queue not in client.get(reverse("verification:start")).content.decode()
    client.force_login(moderator())
    assert queue in client.get(reverse("verification:start")).content.decode()
