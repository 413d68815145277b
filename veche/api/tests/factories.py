"""Factories for API tokens. The token is made by the real service, so only the hash is stored;
the plain key is kept on the instance as ``plain_key`` for the test to send."""

import factory

from veche.accounts.tests.factories import UserFactory
from veche.api.models import ApiToken
from veche.api.services import api_token_create


class ApiTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApiToken

    name = factory.Sequence(lambda n: f"Городское приложение {n}")
    user = factory.SubFactory(UserFactory)
    created_by = None
    expires_at = None

    @classmethod
    def _create(cls, model_class, *, user, name, created_by, expires_at, **extra):
        token, plain_key = api_token_create(
            user=user, name=name, created_by=created_by, expires_at=expires_at
        )
        if extra:
            model_class.objects.filter(pk=token.pk).update(**extra)
            token.refresh_from_db()
        token.plain_key = plain_key
        return token
