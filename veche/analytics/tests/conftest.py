"""Analytics tests: the official production calendar loaded, and the reports' small world."""

from veche.reports.tests.conftest import calendar, world  # noqa: F401 - fixtures reused
