import pytest

from veche.notifications.channels import reset_channels


@pytest.fixture(autouse=True)
def _fresh_channels():
    reset_channels()
    yield
    reset_channels()
