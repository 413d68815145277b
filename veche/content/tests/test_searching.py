"""News, pages and the knowledge base in the site-wide search: found by other word forms once
visible, never as drafts; a scheduled item appears when `content_index_scheduled` runs after its
time. Infrastructure objects are found too."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from veche.content.models import Status
from veche.content.tests.factories import KbEntryFactory, NewsFactory, PageFactory
from veche.search import selectors

pytestmark = pytest.mark.django_db


def _found(query: str) -> set[str]:
    return {hit.entry.title for hit in selectors.search(query).hits}


def test_visible_content_is_found_and_drafts_are_not(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        NewsFactory(title="Открыт новый сквер у реки", body="<p>Скамейки и фонари</p>")
        NewsFactory(title="Черновик про сквер", status=Status.DRAFT, published_at=None)
        PageFactory(title="История Югры", body="<p>Древние городища ханты</p>")
        KbEntryFactory(question="Как восстановить пароль?", answer="<p>Нажмите «Забыли»</p>")
    assert _found("скверы") == {"Открыт новый сквер у реки"}
    assert _found("городищ") == {"История Югры"}
    assert _found("пароля") == {"Как восстановить пароль?"}


def test_a_scheduled_news_item_appears_when_its_time_comes(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = NewsFactory(
            title="Субботник в парке", published_at=timezone.now() + timedelta(hours=1)
        )
    assert _found("субботник") == set()
    item.published_at = timezone.now() - timedelta(minutes=5)
    type(item).objects.filter(pk=item.pk).update(published_at=item.published_at)
    call_command("content_index_scheduled", verbosity=0)
    assert _found("субботник") == {"Субботник в парке"}
