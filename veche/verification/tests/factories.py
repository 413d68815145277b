"""Factories for verification tests; other apps may import them."""

import factory
from django.core.files.base import ContentFile

from veche.accounts.tests.factories import StaffUserFactory, UserFactory
from veche.staff.models import Role, RoleAssignment
from veche.verification.models import Verification

# The smallest valid-looking files of each accepted type (only the leading bytes are checked).
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF_BYTES = b"%PDF-1.7\n" + b"\x00" * 64
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


class DocumentVerificationFactory(factory.django.DjangoModelFactory):
    """A pending document check with a small PNG."""

    class Meta:
        model = Verification

    user = factory.SubFactory(UserFactory)
    method = Verification.Method.DOCUMENT
    status = Verification.Status.PENDING
    document_type = "image/png"
    document = factory.LazyFunction(lambda: ContentFile(PNG_BYTES, name="document.png"))


def moderator(*, municipality=None) -> object:
    """A moderator of one municipality, or of the whole region when none is given."""
    user = StaffUserFactory()
    RoleAssignment.objects.create(user=user, role=Role.MODERATOR, municipality=municipality)
    return user


def regional_admin() -> object:
    user = StaffUserFactory()
    RoleAssignment.objects.create(user=user, role=Role.REGIONAL_ADMIN)
    return user
