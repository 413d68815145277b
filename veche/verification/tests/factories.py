"""Factories for verification tests; other apps may import them."""

import factory
from django.core.files.base import ContentFile

from veche.accounts.tests.factories import StaffUserFactory, UserFactory
from veche.media.tests.files import jpeg_bytes, pdf, png_bytes
from veche.staff.models import Role, RoleAssignment
from veche.verification.models import Verification

# Small real files of each accepted type (images are decoded and re-encoded, PDFs are parsed).
PNG_BYTES = png_bytes((60, 40))
JPEG_BYTES = jpeg_bytes((60, 40))
PDF_BYTES = pdf()
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
