"""Who is a plain guest whose page may come from the cache (veche/core/pagecache.py): anyone
with a session, a message waiting, an HTMX request, a form sent or an overlong address is not."""

import pytest
from django.test import RequestFactory

from veche.core.pagecache import MAX_QUERY, is_plain_guest

factory = RequestFactory()


def test_a_visitor_without_cookies_is_a_plain_guest():
    assert is_plain_guest(factory.get("/ideas/?page=2"))


@pytest.mark.parametrize(
    "request_",
    [
        factory.get("/ideas/", HTTP_COOKIE="sessionid=abc"),
        factory.get("/ideas/", HTTP_COOKIE="messages=abc"),
        factory.get("/ideas/", HTTP_HX_REQUEST="true"),
        factory.post("/ideas/"),
        factory.get("/ideas/?q=" + "я" * MAX_QUERY),
    ],
    ids=["session", "message waiting", "htmx", "post", "long query"],
)
def test_anyone_else_gets_the_page_made_for_him(request_):
    assert not is_plain_guest(request_)
