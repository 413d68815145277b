# The reports tests' small world (municipalities, agencies, people in every role) serves here too.
from veche.reports.tests.conftest import calendar, world  # noqa: F401
