"""The registries (issue 15 point 3): an activist profile and an NGO wait for a moderator, who
approves, rejects (with a reason) and verifies them with evidence — each audited; the public
lists show only approved entries, filter and search in Russian; links are stored once; NGO
members are counted once; contacts are shown only as the NGO chooses."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from veche.community import selectors
from veche.community.models import Link, Membership, Organization, Review
from veche.community.selectors import Filters
from veche.community.services import (
    activist_withdraw,
    entry_review,
    entry_verify,
    link_add,
    news_publish,
    organization_join,
)
from veche.events.models import Event
from veche.staff.models import StaffAuditLog
from veche.territory.tests.factories import MunicipalityFactory

from .factories import (
    ProjectFactory,
    UserFactory,
    activist,
    organization,
    registry_moderator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_a_new_profile_waits_for_a_moderator_then_is_listed():
    anna = activist(name="Анна Петрова", approved=False)
    assert anna.status == Review.PENDING
    assert list(selectors.activists()) == []
    entry_review(moderator=registry_moderator(), entry=anna, approve=True)
    assert [a.pk for a in selectors.activists()] == [anna.pk]
    row = StaffAuditLog.objects.get(action="community.activist_approve")
    assert row.target_id == str(anna.pk)
    assert Event.objects.filter(kind="community.activist_reviewed").exists()


def test_only_a_moderator_reviews_and_a_rejection_needs_a_reason():
    ngo = organization(approved=False)
    with pytest.raises(PermissionDenied):
        entry_review(moderator=UserFactory(), entry=ngo, approve=True)
    with pytest.raises(ValidationError):
        entry_review(moderator=registry_moderator(), entry=ngo, approve=False, reason=" ")
    ngo.refresh_from_db()
    assert ngo.status == Review.PENDING
    assert not StaffAuditLog.objects.exists()


def test_verification_needs_evidence_and_an_approved_entry():
    moderator = registry_moderator()
    pending = organization(approved=False)
    with pytest.raises(ValidationError):
        entry_verify(moderator=moderator, entry=pending, evidence="выписка из ЕГРЮЛ")
    ngo = organization(name="Добрые соседи")
    with pytest.raises(ValidationError):
        entry_verify(moderator=moderator, entry=ngo, evidence="  ")
    with pytest.raises(PermissionDenied):
        entry_verify(moderator=UserFactory(), entry=ngo, evidence="выписка")
    entry_verify(moderator=moderator, entry=ngo, evidence="выписка из ЕГРЮЛ № 123")
    ngo.refresh_from_db()
    assert ngo.verified_at is not None and ngo.evidence == "выписка из ЕГРЮЛ № 123"
    assert StaffAuditLog.objects.filter(action="community.organization_verify").count() == 1
    assert [o.pk for o in selectors.organizations(Filters(verified=True))] == [ngo.pk]


def test_russian_search_and_filters():
    surgut, urai = MunicipalityFactory(name="Сургут"), MunicipalityFactory(name="Урай")
    a = activist(
        name="Иван Лыжников", about="Провожу лыжные походы", municipality=surgut, direction="sport"
    )
    b = activist(
        name="Мария Книжная",
        about="Собираю книги для библиотек",
        municipality=urai,
        direction="culture",
    )
    assert [x.pk for x in selectors.activists(Filters(q="лыжный поход"))] == [a.pk]
    assert [x.pk for x in selectors.activists(Filters(q="книгами"))] == [b.pk]
    assert [x.pk for x in selectors.activists(Filters(municipality=urai.pk))] == [b.pk]
    assert [x.pk for x in selectors.activists(Filters(direction="sport"))] == [a.pk]
    assert list(selectors.activists(Filters(q="лыжи", direction="culture"))) == []


def test_a_link_is_stored_once_in_either_order_and_never_to_itself():
    ngo, anna = organization(), activist()
    moderator = registry_moderator()
    link_add(actor=moderator, first=anna, second=ngo, note="вместе чистим берег")
    with pytest.raises(ValidationError):
        link_add(actor=moderator, first=ngo, second=anna)
    with pytest.raises(ValidationError):
        link_add(actor=moderator, first=ngo, second=ngo)
    assert Link.objects.count() == 1
    with pytest.raises(PermissionDenied):
        link_add(actor=UserFactory(), first=ngo, second=ProjectFactory())
    assert [p.pk for p in selectors.partners("organization", ngo.pk)] == [anna.pk]
    assert [p.pk for p in selectors.partners("activist", anna.pk)] == [ngo.pk]


def test_members_are_counted_once():
    ngo, anna = organization(), activist()
    organization_join(user=anna.user, organization=ngo)
    with pytest.raises(ValidationError):
        organization_join(user=anna.user, organization=ngo)
    with pytest.raises(PermissionDenied):
        organization_join(user=UserFactory(), organization=ngo)
    ngo.refresh_from_db()
    assert ngo.member_count == 1 == Membership.objects.count()
    activist_withdraw(user=anna.user)
    ngo.refresh_from_db()
    assert ngo.member_count == 0


def test_contacts_shown_only_as_the_ngo_chooses(client):
    hidden = organization(name="Тихая НКО", phone="+7 900 111-22-33")
    shown = organization(name="Открытая НКО", phone="+7 900 444-55-66", contacts_public=True)
    assert "111-22-33" not in client.get(hidden.get_absolute_url()).content.decode()
    assert "444-55-66" in client.get(shown.get_absolute_url()).content.decode()


def test_pending_entries_are_not_public_but_a_moderator_sees_them(client):
    ngo = organization(approved=False)
    assert client.get(ngo.get_absolute_url()).status_code == 404
    client.force_login(registry_moderator())
    assert client.get(ngo.get_absolute_url()).status_code == 200


def test_news_by_the_ngo_or_a_moderator_only():
    ngo = organization()
    with pytest.raises(PermissionDenied):
        news_publish(author=UserFactory(), owner=ngo, title="Субботник", body="В субботу")
    news_publish(author=ngo.registered_by, owner=ngo, title="Субботник", body="В субботу")
    assert selectors.news_of("organization", ngo.pk) == []  # it waits for a moderator
    news_publish(author=registry_moderator(), owner=ngo, title="Итоги", body="Спасибо")
    assert [n.title for n in selectors.news_of("organization", ngo.pk)] == ["Итоги"]


def test_counters_with_weekly_change():
    ngo = organization()
    anna = activist()
    ngo.leader = anna
    ngo.save(update_fields=["leader"])
    organization(name="Другая")
    counters = selectors.counters()
    assert counters["organizations"]["total"] == 2
    assert counters["organizations"]["with_leader"] == 1
    assert counters["organizations"]["week"] == 2
    assert counters["activists"]["total"] == 1


def test_pages_answer_and_a_resident_opens_a_profile(client):
    ngo, anna = organization(), activist()
    project = ProjectFactory(organization=ngo, activist=anna)
    for url in (
        reverse("community:home"),
        reverse("community:organizations") + "?q=волонтёров",
        reverse("community:activists") + "?direction=volunteering",
        reverse("community:list") + "?kind=all",
        ngo.get_absolute_url(),
        anna.get_absolute_url(),
        project.get_absolute_url(),
    ):
        assert client.get(url).status_code == 200, url
    resident = UserFactory()
    client.force_login(resident)
    municipality = MunicipalityFactory()
    response = client.post(
        reverse("community:activist_me"),
        {"name": "Олег", "municipality": municipality.pk, "direction": "sport", "about": ""},
    )
    assert response.status_code == 302
    assert resident.activist.status == Review.PENDING
    bad = client.post(reverse("community:organization_new"), {"name": ""})
    assert bad.status_code == 400
    assert Organization.objects.count() == 1


def test_the_list_costs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    for n in range(25):
        activist(name=f"Активист {n}")
    client.get(reverse("community:activists"))  # warm the count cache
    with django_assert_max_num_queries(8):
        client.get(reverse("community:activists"))


def test_api_lists_only_approved_entries_with_filters(client):
    organization(name="Скрытая", approved=False)
    ngo = organization(name="Волонтёры Сургута", kind="volunteer")
    body = client.get("/api/v1/community/ngos?q=волонтёры").json()
    assert [item["id"] for item in body["items"]] == [ngo.pk]
    assert client.get("/api/v1/community/ngos?kind=tos").json()["items"] == []
    assert client.get("/api/v1/community/ngos?kind=nonsense").status_code == 422
    assert client.get(f"/api/v1/community/ngos/{ngo.pk}").json()["name"] == ngo.name
    anna = activist()
    assert client.get("/api/v1/community/activists").json()["count"] == 1
    assert client.get(f"/api/v1/community/activists/{anna.pk}").status_code == 200
    assert client.get("/api/v1/community/projects?open=true").status_code == 200
