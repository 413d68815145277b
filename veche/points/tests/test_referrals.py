"""Referral links and ambassadors: a link remembered until the registration it brings, one
referral per invited person and never oneself (DB constraints), counted once the e-mail is
confirmed, and points through the `referral` rule only from the ambassador's count on."""

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from veche.events.models import Event
from veche.points.models import Grant, Referral
from veche.points.services import referrals
from veche.territory.tests.factories import SettlementFactory
from veche.testing.concurrency import at_once

from .factories import UserFactory, balance, process

pytestmark = pytest.mark.django_db
PASSWORD = "Severnoe-Siyanie-42"


@pytest.fixture
def settlement(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return SettlementFactory(name="Сургут")


def registration(settlement, n=1):
    return {
        "last_name": "Петрова",
        "first_name": "Анна",
        "settlement": str(settlement.pk),
        "email": f"anna{n}@mail.ru",
        "phone": f"8 (912) 345-67-{n:02d}",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
    }


def invited_by(inviter, *, confirmed=True):
    person = UserFactory(email_confirmed_at=timezone.now() if confirmed else None)
    Referral.objects.create(inviter=inviter, invited=person)
    return person


def test_a_link_followed_before_registering_records_the_referral(client, settlement):
    inviter = UserFactory()
    code = referrals.invitation_for(inviter).code
    response = client.get(reverse("points:invite_follow", args=[code]))
    assert response.url == reverse("accounts:register")
    client.post(reverse("accounts:register"), registration(settlement))
    referral = Referral.objects.get()
    assert referral.inviter == inviter
    assert referral.invited.email == "anna1@mail.ru"
    assert referral.confirmed_at is None


def test_an_unknown_code_records_nothing(client, settlement):
    client.get(reverse("points:invite_follow", args=["nosuchcode"]))
    client.post(reverse("accounts:register"), registration(settlement))
    assert not Referral.objects.exists()


def test_a_registration_without_a_link_records_nothing(client, settlement):
    UserFactory()
    client.post(reverse("accounts:register"), registration(settlement))
    assert not Referral.objects.exists()


def test_one_referral_per_invited_person():
    anna, boris, vera = UserFactory(), UserFactory(), UserFactory()
    assert referrals.referral_record(code=referrals.invitation_for(anna).code, invited=vera)
    assert (
        referrals.referral_record(code=referrals.invitation_for(boris).code, invited=vera) is None
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(inviter=boris, invited=vera)
    assert Referral.objects.get().inviter == anna


def test_nobody_refers_himself():
    anna = UserFactory()
    own = referrals.invitation_for(anna).code
    assert referrals.referral_record(code=own, invited=anna) is None
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(inviter=anna, invited=anna)


def test_the_invitation_code_is_made_once():
    anna = UserFactory()
    assert referrals.invitation_for(anna) == referrals.invitation_for(anna)


@override_settings(POINTS_AMBASSADOR_FROM=2)
def test_points_come_from_the_ambassadors_count_on_and_only_for_confirmed_registrations():
    anna = UserFactory()
    invited_by(anna)
    invited_by(anna, confirmed=False)
    process()
    assert balance(anna) == 0  # one confirmed: not an ambassador yet
    assert Event.objects.filter(kind="points.referral_confirmed").count() == 1
    invited_by(anna)
    invited_by(anna)
    process()
    assert balance(anna) == 40  # the 2nd and the 3rd confirmed, 20 each
    assert Grant.objects.filter(rule__action="referral").count() == 2


@override_settings(POINTS_AMBASSADOR_FROM=1)
def test_a_confirmed_registration_earns_once_however_often_the_consumer_runs():
    anna = UserFactory()
    invited_by(anna)
    process()
    process()
    Referral.objects.update(confirmed_at=None)  # a confirmation seen again, as after a restore
    process()
    assert balance(anna) == 20
    assert Grant.objects.filter(rule__action="referral", revoked_at__isnull=True).count() == 1


@override_settings(POINTS_AMBASSADOR_FROM=1)
def test_an_unconfirmed_registration_that_confirms_later_counts_then():
    anna = UserFactory()
    vera = invited_by(anna, confirmed=False)
    process()
    assert balance(anna) == 0
    vera.email_confirmed_at = timezone.now()
    vera.save(update_fields=["email_confirmed_at"])
    process()
    assert balance(anna) == 20


@override_settings(POINTS_AMBASSADOR_FROM=2)
def test_the_pages_show_the_link_counts_and_ambassadors(client):
    anna, boris = UserFactory(first_name="Анна", last_name="Петрова"), UserFactory()
    invited_by(anna)
    invited_by(anna)
    invited_by(boris)
    process()
    client.force_login(anna)
    page = client.get(reverse("points:invite")).content.decode()
    code = referrals.invitation_for(anna).code
    assert f"/points/invite/{code}/" in page
    assert "амбассадор" in page.lower()
    listed = client.get(reverse("points:ambassadors")).content.decode()
    assert "Анна П." in listed
    assert boris.public_name not in listed


def test_the_ambassadors_list_costs_constant_queries(client, django_assert_max_num_queries):
    for _ in range(3):
        anna = UserFactory()
        invited_by(anna)
    Referral.objects.update(confirmed_at=timezone.now())
    with override_settings(POINTS_AMBASSADOR_FROM=1), django_assert_max_num_queries(4):
        client.get(reverse("points:ambassadors"))


def test_the_export_has_the_link_and_its_counts():
    from veche.points.privacy import export_section

    anna = UserFactory()
    code = referrals.invitation_for(anna).code
    invited_by(anna, confirmed=False)
    assert export_section(anna)["referrals"]["link_code"] == code
    assert export_section(anna)["referrals"]["registered"] == 1


@pytest.mark.django_db(transaction=True)
def test_two_links_at_once_for_one_person_record_one_referral():
    anna, boris, vera = UserFactory(), UserFactory(), UserFactory()
    codes = [referrals.invitation_for(anna).code, referrals.invitation_for(boris).code]
    outcome = at_once(
        [lambda code=code: referrals.referral_record(code=code, invited=vera) for code in codes]
    )
    assert outcome.errors == []
    assert Referral.objects.filter(invited=vera).count() == 1
    assert len([r for r in outcome.done if r is not None]) == 1


def test_deletion_removes_the_link_and_keeps_the_referrals():
    from veche.points.models import Invitation
    from veche.points.privacy import deletion_hook

    anna = UserFactory()
    code = referrals.invitation_for(anna).code
    invited_by(anna)
    deletion_hook(anna)
    assert not Invitation.objects.exists()
    assert referrals.inviter_of(code) is None
    assert Referral.objects.filter(inviter=anna).count() == 1
