import pytest
from django_tasks.base import TaskResultStatus

from veche.notifications.channels import reset_channels
from veche.reports.tasks import deliver_report_notices
from veche.workdays.calendar import clear_cache
from veche.workdays.services import calendar_load


@pytest.fixture(autouse=True)
def _fresh_channels():
    reset_channels()
    yield
    reset_channels()


@pytest.fixture
def fire():
    """Enqueue a report's notices as the reports services do (tests run tasks at once) and fail
    loudly if the task failed, which the immediate backend would otherwise only record."""

    def fire(kind: str, report, entry=None, **data):
        result = deliver_report_notices.enqueue(
            kind=kind, report_id=report.pk, entry_id=entry.pk if entry else None, data=data
        )
        if result.status != TaskResultStatus.SUCCESSFUL:
            raise AssertionError("\n".join(error.traceback for error in result.errors))
        return result.return_value

    return fire


@pytest.fixture
def calendar(db):
    """The official production calendar, and no year cached from another test's database."""
    calendar_load()
    clear_cache()
    yield
    clear_cache()
