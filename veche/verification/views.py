"""Verification pages: each parses a form, calls one service and shows its outcome."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veche.core.forms import service_errors
from veche.media.limits import max_mb as media_max_mb
from veche.media.responses import attachment

from . import oidc, selectors, services
from .forms import DecisionForm, DocumentUploadForm, PhoneConfirmForm, PhoneStartForm, RevokeForm
from .models import Verification


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The user's status, his verification history and the methods he may use."""
    try:
        services.check_can_start(request.user)
        reason = ""
    except PermissionDenied as error:
        reason = str(error)
    context = {
        "history": selectors.verifications_of(request.user),
        "start_refused": reason,
        "method_label": dict(Verification.Method.choices).get(request.user.verification_method),
        "oidc_enabled": oidc.is_enabled(),
    }
    return render(request, "verification/start.html", context)


# The phone service's refusals that are about the number typed; the others go above the form.
PHONE_ERRORS = dict.fromkeys(["invalid_phone", "no_phone", "phone_taken"], "phone")


@login_required
def phone_start(request: HttpRequest) -> HttpResponse:
    form = PhoneStartForm(request.POST or None, initial={"phone": request.user.phone})
    services.check_can_start(request.user)
    if request.method == "POST" and form.is_valid():
        with service_errors(form, codes=PHONE_ERRORS):
            phone = form.cleaned_data["phone"] or None
            phone_code = services.phone_verification_start(user=request.user, phone=phone)
        if not form.errors:
            messages.success(
                request,
                _("We have sent a code to %(phone)s.") % {"phone": _masked(phone_code.phone)},
            )
            return redirect("verification:phone_confirm")
    return render(request, "verification/phone_start.html", {"form": form})


def _masked(phone: str) -> str:
    # The full number is not repeated on screen; the last digits are enough to recognise it.
    return f"{phone[:2]}…{phone[-4:]}" if len(phone) > 6 else phone


@login_required
def phone_confirm(request: HttpRequest) -> HttpResponse:
    form = PhoneConfirmForm(request.POST or None)
    services.check_can_start(request.user)
    if request.method == "POST" and form.is_valid():
        with service_errors(form, default="code"):
            services.phone_verification_confirm(user=request.user, code=form.cleaned_data["code"])
        if not form.errors:
            messages.success(request, _("Your phone number is confirmed: you are verified."))
            return redirect("verification:start")
    return render(request, "verification/phone_confirm.html", {"form": form})


@login_required
def document_upload(request: HttpRequest) -> HttpResponse:
    max_mb = media_max_mb("document")
    form = DocumentUploadForm(request.POST or None, request.FILES or None, max_mb=max_mb)
    services.check_can_start(request.user)
    if request.method == "POST" and form.is_valid():
        with service_errors(form, codes={"already_pending": None}, default="document"):
            services.document_verification_submit(
                user=request.user,
                file=form.cleaned_data["document"],
                note=form.cleaned_data["note"],
            )
        if not form.errors:
            messages.success(request, _("Your document has been sent to a moderator."))
            return redirect("verification:start")
    return render(request, "verification/document_upload.html", {"form": form, "max_mb": max_mb})


# --- moderators -------------------------------------------------------------------------------


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Pending document checks of residents in the moderator's territory."""
    if not request.user.has_perm("verification.view_verification"):
        raise PermissionDenied(_("Only moderators see this page."))
    pending = [
        (verification, DecisionForm(prefix=f"v{verification.pk}"))
        for verification in selectors.pending_documents_for(request.user)
    ]
    return render(request, "verification/queue.html", {"pending": pending})


def _moderated(request: HttpRequest, pk: int, permission: str) -> Verification:
    verification = get_object_or_404(
        Verification.objects.select_related("user__settlement__municipality"), pk=pk
    )
    if not request.user.has_perm(permission, verification):
        raise PermissionDenied(_("You may not decide on this resident's verification."))
    return verification


def _detail_page(request, verification, *, decision=None, revoke=None, status=200):
    context = {
        "verification": verification,
        "history": selectors.history_of_resident(verification),
        "decision_form": decision or DecisionForm(prefix=f"v{verification.pk}"),
        "revoke_form": revoke or RevokeForm(),
    }
    return render(request, "verification/detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    verification = _moderated(request, pk, "verification.decide_verification")
    return _detail_page(request, verification)


# A decision refused for want of a reason shows on the reason field; others above the form.
REASON_ERRORS = {"reason_required": "reason"}


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    form = DecisionForm(request.POST, prefix=f"v{pk}")
    verification = _moderated(request, pk, "verification.decide_verification")
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        with service_errors(form, codes=REASON_ERRORS):
            services.document_verification_decide(
                moderator=request.user,
                verification=verification,
                approve=approve,
                reason=form.cleaned_data["reason"],
            )
        if not form.errors:
            messages.success(request, _("Approved.") if approve else _("Rejected."))
            return redirect("verification:queue")
    return _detail_page(request, verification, decision=form, status=400)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    form = RevokeForm(request.POST)
    verification = _moderated(request, pk, "verification.revoke_verification")
    if form.is_valid():
        with service_errors(form, codes=REASON_ERRORS):
            services.verification_revoke(
                moderator=request.user,
                verification=verification,
                reason=form.cleaned_data["reason"],
            )
        if not form.errors:
            messages.success(request, _("The verification has been revoked."))
            return redirect("verification:detail", pk=pk)
    return _detail_page(request, verification, revoke=form, status=400)


@login_required
def document(request: HttpRequest, pk: int) -> HttpResponse:
    """The uploaded document, for moderators who may decide on it; never through MEDIA_URL."""
    verification = _moderated(request, pk, "verification.view_verification_document")
    if not verification.document:
        raise Http404
    return attachment(
        verification.document,
        filename=f"document-{verification.pk}{_extension(verification)}",
        content_type=verification.document_type,
        private=True,
    )


def _extension(verification: Verification) -> str:
    name = verification.document.name
    return name[name.rfind(".") :] if "." in name else ""
