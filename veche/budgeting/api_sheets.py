"""REST API of the expert commission's evaluation sheet (issue 13, point 2), on budgeting's one
router: the sheets of a contest with their signatures, and an expert's signature upload."""

from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from veche.api.auth import optional_user, token_or_session
from veche.api.errors import service_errors
from veche.api.schemas import Id, errors

from . import scoring, selectors
from .api_reads import router
from .models import Contest, EvaluationSheet, SheetSignature
from .throttle import sign_slot


class SheetSignatureOut(Schema):
    id: int
    expert: str
    refused: bool
    refusal_reason: str
    certificate_sha256: str = Field(description="SHA-256 of the signer's DER certificate")
    signer: str = Field(description="the certificate's subject")
    signing_time: datetime | None = Field(description="the signed signingTime, if present")
    url: str | None = Field(description="the detached CMS signature (DER); null for a refusal")

    @staticmethod
    def resolve_expert(signature: SheetSignature) -> str:
        return signature.member.user.public_name

    @staticmethod
    def resolve_url(signature: SheetSignature) -> str | None:
        return None if signature.refused else reverse("budgeting:signature", args=[signature.pk])


class EvaluationSheetOut(Schema):
    id: int
    number: int
    status: str = Field(description="signing, signed or void")
    sha256: str
    generated_at: datetime
    void_reason: str
    pdf_url: str
    bundle_url: str
    signatures: list[SheetSignatureOut]

    @staticmethod
    def resolve_pdf_url(sheet: EvaluationSheet) -> str:
        return reverse("budgeting:sheet_pdf", args=[sheet.pk])

    @staticmethod
    def resolve_bundle_url(sheet: EvaluationSheet) -> str:
        return reverse("budgeting:sheet_bundle", args=[sheet.pk])

    @staticmethod
    def resolve_signatures(sheet: EvaluationSheet) -> list[SheetSignature]:
        return list(sheet.signatures.all())


def _visible_contest(request, contest_id: int) -> Contest:
    try:
        contest = selectors.contest_detail(contest_id)
    except Contest.DoesNotExist as error:
        raise HttpError(404, _("Contest not found.")) from error
    if not request.user.has_perm("budgeting.view_sheet", contest):
        raise HttpError(404, _("Contest not found."))
    return contest


@router.get(
    "/contests/{contest_id}/sheets",
    response={200: list[EvaluationSheetOut], **errors(401, 404, 422)},
    auth=optional_user,
)
def contest_sheets(request, contest_id: Id):
    """The contest's evaluation sheets, the newest first (the voided ones with their reasons),
    each with its SHA-256, its signatures and refusals, and where to download it."""
    return scoring.sheets_of(_visible_contest(request, contest_id))


@router.post(
    "/contests/{contest_id}/sheet/signatures",
    response={201: SheetSignatureOut, **errors(400, 401, 403, 404, 422, 429)},
    auth=token_or_session,
)
def sheet_sign(request, contest_id: Id, signature: File[UploadedFile] = None):
    """Upload the expert's detached CMS signature (DER or PEM) of the current sheet's PDF. It is
    verified (the bytes, the certificate's chain to the portal's trusted CAs, its validity now,
    that the certificate is registered to this expert); a refusal says which check failed."""
    from .services.sheets import sheet_sign as sign

    contest = _visible_contest(request, contest_id)
    sheet = scoring.current_sheet(contest)
    if sheet is None:
        raise HttpError(404, _("The contest has no sheet to sign."))
    if signature is not None and signature.size > 256 * 1024:
        raise HttpError(400, _("The signature file is too large."))
    # An empty file arrives as none at all: the service says the signature is missing.
    with service_errors(sign_slot(request.user)):
        signed = sign(
            user=request.user, sheet=sheet, signature=signature.read() if signature else b""
        )
    return Status(201, SheetSignature.objects.select_related("member__user").get(pk=signed.pk))
