"""An app server's start-up leaves what it loaded out of the garbage collector's full walks."""

import gc
import importlib
import sys

import pytest


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_the_wsgi_application_freezes_what_start_up_loaded(unfrozen):
    tracked_before = len(gc.get_objects())
    sys.modules.pop("veche.wsgi", None)
    importlib.import_module("veche.wsgi")
    # Everything loaded so far, the URLconf's view modules and both catalogues included, is
    # frozen: a full collection no longer walks it.
    assert gc.get_freeze_count() > tracked_before / 2
    assert len(gc.get_objects()) < tracked_before / 10
    assert "veche.reports.views" in sys.modules
