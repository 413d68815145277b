"""An NGO's news written from its page: by its verified members (an approved activist profile
a moderator verified, or the leader or registrant) or a moderator; sanitized rich text; a
member's news waits in the moderation queue and is published or rejected there (audited)."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from veche.community import selectors
from veche.community.models import Membership, News, Review
from veche.community.services import news_publish, news_review
from veche.moderation.registry import sources
from veche.staff.models import StaffAuditLog

from .factories import UserFactory, activist, organization, registry_moderator

pytestmark = pytest.mark.django_db

BODY = "<p>Провели <strong>субботник</strong>.</p><script>alert(1)</script><img src=x onerror=1>"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def member(ngo, *, verified=True):
    entry = activist()
    if verified:
        entry.verified_at = timezone.now()
        entry.evidence = "паспорт"
        entry.save(update_fields=["verified_at", "evidence"])
    Membership.objects.create(organization=ngo, activist=entry)
    entry.user.email_confirmed_at = timezone.now()
    entry.user.save(update_fields=["email_confirmed_at"])
    return entry.user


def test_a_verified_member_writes_news_that_waits_sanitized():
    ngo = organization()
    news = news_publish(author=member(ngo), owner=ngo, title="Субботник", body=BODY)
    assert news.status == Review.PENDING
    assert news.body == "<p>Провели <strong>субботник</strong>.</p>"
    assert selectors.news_of("organization", ngo.pk) == []


def test_an_unverified_member_or_a_stranger_may_not():
    ngo = organization()
    for author in (member(ngo, verified=False), UserFactory()):
        with pytest.raises(PermissionDenied):
            news_publish(author=author, owner=ngo, title="Субботник", body="Текст")
    assert not News.objects.exists()


def test_empty_news_is_refused_and_nothing_is_written():
    ngo = organization()
    with pytest.raises(ValidationError):
        news_publish(author=member(ngo), owner=ngo, title="Пусто", body="<script>x</script>")
    assert not News.objects.exists()


def test_the_moderator_publishes_or_rejects_it_audited():
    ngo = organization()
    author = member(ngo)
    first = news_publish(author=author, owner=ngo, title="Первая", body="Текст")
    second = news_publish(author=author, owner=ngo, title="Вторая", body="Текст")
    moderator = registry_moderator()
    with pytest.raises(PermissionDenied):
        news_review(moderator=author, news=first, approve=True)
    with pytest.raises(ValidationError):
        news_review(moderator=moderator, news=second, approve=False, reason=" ")
    news_review(moderator=moderator, news=first, approve=True)
    news_review(moderator=moderator, news=second, approve=False, reason="реклама")
    assert [n.title for n in selectors.news_of("organization", ngo.pk)] == ["Первая"]
    assert set(StaffAuditLog.objects.values_list("action", flat=True)) >= {
        "community.news_approve",
        "community.news_reject",
    }
    with pytest.raises(ValidationError):
        news_review(moderator=moderator, news=first, approve=False, reason="поздно")


def test_the_moderation_queue_lists_and_approves_members_news():
    ngo = organization()
    news = news_publish(author=member(ngo), owner=ngo, title="Субботник", body="Текст")
    moderator = registry_moderator()
    [source] = [s for s in sources() if s.kind == "community.news"]
    assert [item.id for item in source.pending(moderator)] == [news.pk]
    assert source.count(UserFactory()) == 0
    source.approve(moderator, news.pk)
    news.refresh_from_db()
    assert news.status == Review.APPROVED


def test_the_form_on_the_ngo_page(client):
    ngo = organization()
    author = member(ngo)
    client.force_login(author)
    page = client.get(ngo.get_absolute_url()).content.decode()
    assert reverse("community:organization_news", args=[ngo.pk]) in page
    url = reverse("community:organization_news", args=[ngo.pk])
    assert client.post(url, {"title": "", "body": ""}).status_code == 400
    response = client.post(url, {"title": "Субботник", "body": BODY})
    assert response.status_code == 302
    assert News.objects.get().status == Review.PENDING
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
