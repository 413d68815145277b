"""The evaluation sheet's page (public once the contest is): the current sheet with its SHA-256,
its signatures and refusals, a flag when its bytes or a signature no longer verify, the voided
sheets with their reasons; the chair's generate and void forms, an expert's signature upload and
refusal; the downloads (PDF, each signature, the bundle). And an expert's signing certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veche.core import ratelimit

from . import scoring
from .commission_forms import CertificateForm, ReasonForm, SignatureForm
from .models import CommissionMember, EvaluationSheet, ExpertCertificate, SheetSignature
from .services import sheets as service
from .sheet_bundle import bundle, signature_name
from .throttle import edit_slot, sign_slot
from .views import _contest
from .views_applications import _run


def download(data: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _sheet_page(request, contest, *, status=200, **forms):
    sheets = scoring.sheets_of(contest)
    current = next((s for s in sheets if s.status != EvaluationSheet.Status.VOID), None)
    check = scoring.sheet_check(current, current.signatures.all()) if current else None
    member = None
    if request.user.is_authenticated:
        member = CommissionMember.objects.filter(contest=contest, user=request.user).first()
    acted = (
        current is not None
        and member is not None
        and any(s.member_id == member.pk for s in current.signatures.all())
    )
    signers = [m for m in scoring.commission(contest) if m.signs]
    pending = []
    if current:
        done = {s.member_id for s in current.signatures.all()}
        pending = [m for m in signers if m.pk not in done]
    context = {
        "contest": contest,
        "sheet": current,
        "check": check,
        "voided": [s for s in sheets if s.status == EvaluationSheet.Status.VOID],
        "pending": pending,
        "acted": acted,
        "sign_form": forms.get("sign_form") or SignatureForm(),
        "refuse_form": forms.get("refuse_form") or ReasonForm(prefix_id="refuse"),
        "void_form": forms.get("void_form") or ReasonForm(prefix_id="void"),
        "generate_errors": forms.get("generate_errors", []),
    }
    return render(request, "budgeting/sheet.html", context, status=status)


def _current(request, pk: int):
    contest = _contest(request, pk)
    sheet = scoring.current_sheet(contest)
    if sheet is None:
        raise Http404
    return contest, sheet


def sheet_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _sheet_page(request, _contest(request, pk))


@login_required
@require_POST
def sheet_generate(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _contest(request, pk)
    form = ReasonForm(prefix_id="generate")
    _run(request, form, lambda: service.sheet_generate(user=request.user, contest=contest))
    if form.errors:
        errors = [e for errors in form.errors.values() for e in errors]
        return _sheet_page(request, contest, status=400, generate_errors=errors)
    messages.success(request, _("The sheet is generated: the experts may sign it."))
    return redirect("budgeting:sheet", pk=contest.pk)


@login_required
@require_POST
def sheet_void(request: HttpRequest, pk: int) -> HttpResponse:
    contest, sheet = _current(request, pk)
    form = ReasonForm(request.POST, prefix_id="void")
    if form.is_valid():
        _run(
            request,
            form,
            lambda: service.sheet_void(
                user=request.user, sheet=sheet, reason=form.cleaned_data["reason"]
            ),
        )
        if not form.errors:
            messages.success(request, _("The sheet is void: scores may be corrected."))
            return redirect("budgeting:sheet", pk=contest.pk)
    return _sheet_page(request, contest, status=400, void_form=form)


@login_required
@require_POST
def sheet_sign(request: HttpRequest, pk: int) -> HttpResponse:
    contest, sheet = _current(request, pk)
    form = SignatureForm(request.POST, request.FILES)
    if form.is_valid():
        _run(
            request,
            form,
            lambda: service.sheet_sign(
                user=request.user, sheet=sheet, signature=form.cleaned_data["signature"]
            ),
            slot=sign_slot,
        )
        if not form.errors:
            messages.success(request, _("Your signature is verified and recorded."))
            return redirect("budgeting:sheet", pk=contest.pk)
    return _sheet_page(request, contest, status=400, sign_form=form)


@login_required
@require_POST
def sheet_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    contest, sheet = _current(request, pk)
    form = ReasonForm(request.POST, prefix_id="refuse")
    if form.is_valid():
        _run(
            request,
            form,
            lambda: service.sheet_refuse(
                user=request.user, sheet=sheet, reason=form.cleaned_data["reason"]
            ),
        )
        if not form.errors:
            messages.success(request, _("Your refusal to sign is recorded."))
            return redirect("budgeting:sheet", pk=contest.pk)
    return _sheet_page(request, contest, status=400, refuse_form=form)


def _visible_sheet(request, pk: int) -> EvaluationSheet:
    sheet = get_object_or_404(EvaluationSheet.objects.select_related("contest"), pk=pk)
    if not request.user.has_perm("budgeting.view_sheet", sheet.contest):
        raise Http404
    return sheet


def sheet_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _visible_sheet(request, pk)
    return download(bytes(sheet.content), filename=sheet.file_name, content_type="application/pdf")


def sheet_bundle(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _visible_sheet(request, pk)
    signatures = sheet.signatures.select_related("member__user").order_by("created_at")
    return download(
        bundle(sheet, signatures),
        filename=sheet.file_name.replace(".pdf", ".zip"),
        content_type="application/zip",
    )


def signature_download(request: HttpRequest, pk: int) -> HttpResponse:
    signature = get_object_or_404(
        SheetSignature.objects.select_related("sheet__contest", "member__user"),
        pk=pk,
        refused=False,
    )
    _visible_sheet(request, signature.sheet_id)
    return download(
        bytes(signature.signature),
        filename=signature_name(1, signature),
        content_type="application/pkcs7-signature",
    )


@login_required
def certificates(request: HttpRequest) -> HttpResponse:
    form = CertificateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _run(
            request,
            form,
            lambda: service.certificate_register(
                user=request.user, data=form.cleaned_data["certificate"]
            ),
        )
        if not form.errors:
            messages.success(request, _("The certificate is registered in your profile."))
            return redirect("budgeting:certificates")
    context = {
        "form": form,
        "certificates": ExpertCertificate.objects.filter(user=request.user),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "budgeting/certificates.html", context, status=status)


@login_required
@require_POST
def certificate_remove(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(ExpertCertificate, pk=pk, user=request.user)
    try:
        with edit_slot(request.user):
            service.certificate_remove(user=request.user, certificate=certificate)
    except (ratelimit.Limited, PermissionDenied):
        messages.error(request, _("Too many changes in a short time. Try again in a few minutes."))
    return redirect("budgeting:certificates")
