"""A guest's thread is cached as HTML under a key of everything it shows: a change to a comment
is a new key, so guests never read a stale thread; a logged-in reader's is never cached."""

import pytest
from django.core.cache import cache

from veche.comments import services
from veche.comments.models import Comment

from .helpers import published

pytestmark = pytest.mark.urls("veche.comments.tests.urls")


@pytest.fixture(autouse=True)
def empty_cache(settings):
    settings.COMMENT_THREAD_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def page(world) -> str:
    return f"/test-item/{world.report.pk}/"


def thread_keys() -> list[str]:
    return [key for key in cache._cache if "comments:thread:" in key]  # locmem's own store


def test_a_guest_gets_the_thread_from_the_cache_the_second_time(client, world, kind):
    published(world, text="Первый отзыв")
    client.get(page(world))
    (key,) = thread_keys()
    cache.set(key.split(":", 2)[-1], "<p>из кэша</p>")  # the stored HTML, changed
    assert "из кэша" in client.get(page(world)).content.decode()


def test_a_change_to_a_comment_shows_to_guests_at_once(client, world, kind):
    comment = published(world, text="Первый отзыв")
    assert "Первый отзыв" in client.get(page(world)).content.decode()
    services.comment_like(user=world.neighbour, comment=comment)
    html = client.get(page(world)).content.decode()
    assert "1 отметка «нравится»" in html
    services.comment_remove(
        moderator=world.moderator, comment=Comment.objects.get(), reason=world.reason
    )
    html = client.get(page(world)).content.decode()
    assert "Первый отзыв" not in html and "удалён модератором" in html
    assert len(thread_keys()) == 3


def test_a_logged_in_reader_is_not_served_a_cached_thread(client, world, kind):
    published(world, text="Первый отзыв")
    client.force_login(world.neighbour)
    client.get(page(world))
    assert thread_keys() == []
