"""The claim by phone: the caller the contact centre made an account for enters his number, gets
a code by SMS, enters it with a new password and is logged in (services/claim.py).

The pages answer the same way whether or not the number has an account. The service refuses
every bad code alike; the words the visitor reads (expired, too many tries, tries left) come from
what his own session knows — when it asked for the code and how often it was wrong here — so
they cannot differ between a number with an account and one without."""

import time

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from veche.core import ratelimit
from veche.core.forms import service_errors

from . import services, throttle
from .forms import PhoneClaimConfirmForm, PhoneClaimStartForm
from .models import MAX_CODE_ATTEMPTS
from .services.phone import CODE_LIFETIME

SESSION_KEY = "verification.phone_claim"
TOO_MANY = 429
BACKEND = "django.contrib.auth.backends.ModelBackend"


def claim_start(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:cabinet")
    template = "verification/claim_start.html"
    form = PhoneClaimStartForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, template, {"form": form})
    phone = form.cleaned_data["phone"]
    if seconds := throttle.code_retry_after(request, phone):
        context = {"form": form, "blocked_message": throttle.message(seconds)}
        return render(request, template, context, status=TOO_MANY)
    throttle.code_sent(request, phone)
    services.phone_claim_start(phone=phone)
    request.session[SESSION_KEY] = {"phone": phone, "sent_at": time.time(), "failures": 0}
    messages.info(
        request,
        _("If the contact centre made an account for %(phone)s, a code is on its way to it by SMS.")
        % {"phone": _masked(phone)},
    )
    return redirect("verification:claim_confirm")


def _masked(phone: str) -> str:
    return f"{phone[:2]}…{phone[-4:]}"


@sensitive_post_parameters("code", "password1", "password2")
def claim_confirm(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:cabinet")
    pending = request.session.get(SESSION_KEY)
    if not pending:
        messages.info(request, _("Enter your phone number first: we will send a code to it."))
        return redirect("verification:claim_start")
    template = "verification/claim_confirm.html"
    form = PhoneClaimConfirmForm(request.POST or None)
    context = {"form": form, "phone": _masked(pending["phone"])}
    if request.method != "POST" or not form.is_valid():
        return render(request, template, context)
    if refusal := _session_refusal(pending):
        form.add_error("code", refusal)
        return render(request, template, context)
    try:
        slots = throttle.check_reserve(request, pending["phone"])
    except ratelimit.Limited as limited:
        context["blocked_message"] = throttle.message(limited.retry_after)
        return render(request, template, context, status=TOO_MANY)
    user = None
    with service_errors(form, fields=form.SERVICE_FIELDS, default="code"):
        user = services.phone_claim_confirm(
            phone=pending["phone"],
            code=form.cleaned_data["code"],
            password=form.cleaned_data["password1"],
        )
    if form.has_error("code", "wrong_code"):
        pending["failures"] += 1
        request.session[SESSION_KEY] = pending
        form.errors["code"] = form.error_class([_wrong_code(pending)])
    elif not form.has_error("code"):
        throttle.check_succeeded(slots)  # the code was right (the password may not have been)
    if user is None:
        return render(request, template, context)
    del request.session[SESSION_KEY]
    login(request, user, backend=BACKEND)
    messages.success(
        request,
        _("Your password is set and you are logged in. Next time log in with your phone number."),
    )
    return redirect("accounts:cabinet")


def _session_refusal(pending: dict) -> str:
    """What this session already knows is wrong before any code is checked."""
    if time.time() > pending["sent_at"] + CODE_LIFETIME.total_seconds():
        return _("The code has expired. Request a new one.")
    if pending["failures"] >= MAX_CODE_ATTEMPTS:
        return _("Too many wrong attempts. Request a new code.")
    return ""


def _wrong_code(pending: dict) -> str:
    left = MAX_CODE_ATTEMPTS - pending["failures"]
    if left <= 0:
        return _("Too many wrong attempts. Request a new code.")
    return _("Wrong code. Attempts left: %(left)d.") % {"left": left}
