"""The fixed-window limiter: counting, windows, client addresses behind proxies."""

import threading
import time
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import RequestFactory

from veche.core import ratelimit
from veche.core.ratelimit import Rate


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def at_window_start(window: int) -> datetime:
    now = int(time.time())
    return datetime.fromtimestamp(now - now % window + window, tz=UTC)


def test_parse():
    assert Rate.parse("10/300") == Rate(10, 300)
    for bad in ["10", "a/b", "0/60", "5/0", "1/2/3"]:
        with pytest.raises(ValueError):
            Rate.parse(bad)


def test_limit_is_reached_after_n_hits_and_lifts_with_the_window():
    rate = Rate(3, 60)
    with time_machine.travel(at_window_start(60), tick=False) as traveller:
        for expected in (1, 2, 3):
            assert ratelimit.retry_after("act", "1.2.3.4", rate) == 0
            assert ratelimit.hit("act", "1.2.3.4", rate) == expected
        assert ratelimit.retry_after("act", "1.2.3.4", rate) == 60
        traveller.shift(45)
        assert ratelimit.retry_after("act", "1.2.3.4", rate) == 15
        traveller.shift(15)
        assert ratelimit.retry_after("act", "1.2.3.4", rate) == 0


def test_actions_and_identities_count_separately():
    rate = Rate(1, 60)
    ratelimit.hit("login", "1.2.3.4", rate)
    assert ratelimit.retry_after("login", "1.2.3.4", rate) > 0
    assert ratelimit.retry_after("login", "5.6.7.8", rate) == 0
    assert ratelimit.retry_after("register", "1.2.3.4", rate) == 0


def test_identities_are_not_stored_in_clear():
    ratelimit.hit("login", "anna@mail.ru", Rate(5, 60))
    keys = list(cache._cache.keys())  # local-memory cache internals, fine in a test
    assert keys and not any("anna" in key for key in keys)


def test_client_ip(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert ratelimit.client_ip(request) == "203.0.113.5"
    settings.TRUSTED_PROXY_COUNT = 2
    assert ratelimit.client_ip(request) == "6.6.6.6"
    settings.TRUSTED_PROXY_COUNT = 3  # fewer entries than proxies: the header is not trusted
    assert ratelimit.client_ip(request) == "10.0.0.1"


def test_minutes_to_wait_rounds_up():
    assert ratelimit.minutes_to_wait(1) == 1
    assert ratelimit.minutes_to_wait(60) == 1
    assert ratelimit.minutes_to_wait(61) == 2


def test_reserve_refuses_over_the_limit_and_release_gives_a_slot_back():
    rate = Rate(2, 60)
    with time_machine.travel(at_window_start(60), tick=False):
        first = ratelimit.reserve("act", "id", rate)
        ratelimit.reserve("act", "id", rate)
        with pytest.raises(ratelimit.Limited) as limited:
            ratelimit.reserve("act", "id", rate)
        assert limited.value.retry_after == 60
        assert ratelimit.retry_after("act", "id", rate) == 60
        ratelimit.release(first)
        assert ratelimit.retry_after("act", "id", rate) == 0
        ratelimit.reserve("act", "id", rate)  # the slot given back is usable again


def test_parallel_reservations_never_exceed_the_limit():
    """40 attempts racing for a limit of 10: the count and the check are one atomic step, so
    exactly 10 get a slot (a check-then-count limiter lets every racer through)."""
    rate = Rate(10, 300)
    barrier = threading.Barrier(40)
    granted, refused = [], []

    def attempt():
        barrier.wait()
        try:
            slot = ratelimit.reserve("login", "1.2.3.4", rate)
        except ratelimit.Limited:
            refused.append(1)
        else:
            time.sleep(0.01)  # the password check
            granted.append(slot)

    threads = [threading.Thread(target=attempt) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(granted) == 10 and len(refused) == 30
