"""A key can be marked trusted (the region's own contact centre or app) by a superuser only, in
the back office; the change is audited and reaches every worker at once."""

import pytest
from django.core.exceptions import PermissionDenied

from veche.accounts.tests.factories import UserFactory
from veche.api.models import ApiToken
from veche.api.selectors import api_token_by_key
from veche.api.services import api_token_create, api_token_set_trusted
from veche.staff.models import StaffAuditLog

from .factories import ApiTokenFactory

pytestmark = pytest.mark.django_db


def test_a_new_token_is_not_trusted_unless_asked(db):
    plain = api_token_create(user=UserFactory(), name="A", created_by=None)[0]
    trusted = api_token_create(user=UserFactory(), name="B", created_by=None, trusted=True)[0]
    assert (plain.trusted, trusted.trusted) == (False, True)
    assert StaffAuditLog.objects.get(target_id=trusted.pk).details["trusted"] is True


def test_a_superuser_marks_a_key_trusted_and_it_is_audited(
    settings, django_capture_on_commit_callbacks
):
    settings.API_TOKEN_CACHE_SECONDS = 60
    token = ApiTokenFactory()
    assert api_token_by_key(token.plain_key).trusted is False  # now cached
    root = UserFactory(is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        api_token_set_trusted(token=token, trusted=True, changed_by=root)
    assert ApiToken.objects.get(pk=token.pk).trusted is True
    assert api_token_by_key(token.plain_key).trusted is True  # the cached copy is forgotten
    row = StaffAuditLog.objects.get(action="api.token_trust")
    assert row.actor == root and row.details == {"trusted": True}
    api_token_set_trusted(token=token, trusted=True, changed_by=root)  # no change, no row
    assert StaffAuditLog.objects.filter(action="api.token_trust").count() == 1


def test_only_a_superuser_may_trust_a_key():
    token = ApiTokenFactory()
    with pytest.raises(PermissionDenied):
        api_token_set_trusted(
            token=token, trusted=True, changed_by=UserFactory(is_staff=True, is_superuser=False)
        )
    assert ApiToken.objects.get(pk=token.pk).trusted is False
    assert not StaffAuditLog.objects.filter(action="api.token_trust").exists()


def test_the_trust_and_distrust_actions_in_the_admin(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    first, second = ApiTokenFactory(), ApiTokenFactory()
    listing = client.get("/admin/api/apitoken/")
    assert 'value="trust"' in listing.content.decode()
    client.post("/admin/api/apitoken/", {"action": "trust", "_selected_action": [first.pk]})
    assert list(ApiToken.objects.filter(trusted=True)) == [first]
    client.post("/admin/api/apitoken/", {"action": "distrust", "_selected_action": [first.pk]})
    assert not ApiToken.objects.filter(trusted=True).exists() and second.trusted is False
