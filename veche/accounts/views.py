"""Account pages: each parses a form, calls one service and renders or redirects."""

import json

from django.contrib import admin, messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veche.core.forms import service_errors

from . import services, throttle
from .cabinet import cabinet_sections
from .forms import (
    AccountDeleteForm,
    EmailChangeForm,
    EmailForm,
    LoginForm,
    PasswordResetForm,
    PasswordSetByLinkForm,
    RegistrationForm,
)
from .landing import landing_for
from .models import VerificationMethod
from .phones import format_phone
from .selectors import has_reachable_email
from .signup import run_signup_hooks
from .tokens import TokenExpired, TokenInvalid, TokenUsed

TOO_MANY = 429


def _blocked(request: HttpRequest, template: str, form, seconds: int) -> HttpResponse:
    """The page again, with the rate-limit message instead of processing the submission."""
    context = {"form": form, "blocked_message": throttle.too_many_attempts_message(seconds)}
    return render(request, template, context, status=TOO_MANY)


# --- Registration and confirmation ---


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:cabinet")
    template = "accounts/register.html"
    if request.method != "POST":
        return render(request, template, {"form": RegistrationForm()})
    form = RegistrationForm(request.POST)
    if seconds := throttle.retry_after(request, throttle.REGISTER):
        return _blocked(request, template, RegistrationForm(initial=_safe_initial(form)), seconds)
    if form.is_valid():
        data = form.cleaned_data
        user = None
        with service_errors(form, fields=RegistrationForm.SERVICE_FIELDS):
            user = services.user_register(
                last_name=data["last_name"],
                first_name=data["first_name"],
                settlement=data["settlement"],
                email=data["email"],
                phone=data["phone"],
                password=data["password1"],
                consent=data["consent"],
            )
        if not form.errors:
            throttle.hit(request, throttle.REGISTER)
            if user is not None:
                run_signup_hooks(request, user)
            request.session["registered_email"] = data["email"]
            return redirect("accounts:register_done")
    return render(request, template, {"form": form})


def _safe_initial(form: RegistrationForm) -> dict:
    """What the resident typed, minus the passwords, to refill the form."""
    return {
        name: form.data.get(name, "")
        for name in ("last_name", "first_name", "settlement", "email", "phone")
    }


def register_done(request: HttpRequest) -> HttpResponse:
    # The same page whether or not the address was new (no account enumeration).
    email = request.session.get("registered_email", "")
    return render(request, "accounts/register_done.html", {"email": email})


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.email_confirm(token=token)
    except TokenExpired:
        return _link_problem(request, _("This link has expired."), resend=True)
    except TokenUsed:
        messages.info(request, _("Your e-mail address is already confirmed."))
        return redirect("accounts:cabinet" if request.user.is_authenticated else "accounts:login")
    except TokenInvalid:
        return _link_problem(request, _("This link is not valid."), resend=True)
    messages.success(request, _("Thank you! Your e-mail address is confirmed."))
    return redirect("accounts:cabinet" if request.user.is_authenticated else "accounts:login")


def _link_problem(request: HttpRequest, problem: str, *, resend: bool) -> HttpResponse:
    context = {"problem": problem, "form": EmailForm() if resend else None}
    return render(request, "accounts/link_problem.html", context, status=400)


def resend_confirmation(request: HttpRequest) -> HttpResponse:
    template = "accounts/resend_confirmation.html"
    if request.method != "POST":
        initial = {"email": request.user.email} if request.user.is_authenticated else {}
        return render(request, template, {"form": EmailForm(initial=initial)})
    form = EmailForm(request.POST)
    if seconds := throttle.retry_after(request, throttle.RESEND):
        return _blocked(request, template, EmailForm(), seconds)
    if not form.is_valid():
        return render(request, template, {"form": form})
    throttle.hit(request, throttle.RESEND)
    services.confirmation_resend(email=form.cleaned_data["email"])
    return render(request, "accounts/resend_done.html", {"email": form.cleaned_data["email"]})


# --- Login, logout, passwords ---


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        """Without `next`: the landing an app registered for this user (staff: their
        workspace), else the cabinet."""
        target = landing_for(self.request.user)
        return resolve_url(target) if target else super().get_default_redirect_url()

    def form_invalid(self, form):
        return _refusal_answers_429(super().form_invalid(form))


def admin_login(request: HttpRequest) -> HttpResponse:
    """The back office's login: Django's admin login with the throttled form (accounts/admin.py
    sets it), answering 429 like the portal's login when the form refused to check."""
    return _refusal_answers_429(admin.site.login(request))


def _refusal_answers_429(response: HttpResponse) -> HttpResponse:
    form = (getattr(response, "context_data", None) or {}).get("form")
    if getattr(form, "refused", False):
        response.status_code = TOO_MANY
    return response


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        if seconds := throttle.retry_after(request, throttle.PASSWORD_RESET):
            return _blocked(request, self.template_name, self.form_class(), seconds)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        throttle.hit(self.request, throttle.PASSWORD_RESET)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = PasswordSetByLinkForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:cabinet")

    def form_valid(self, form):
        messages.success(self.request, _("Your password is changed."))
        return super().form_valid(form)


# --- Cabinet, change of e-mail, data export, deletion ---


def _verification_method_name(method: str) -> str:
    return str(dict(VerificationMethod.choices).get(method, method))


@login_required
def cabinet(request: HttpRequest) -> HttpResponse:
    context = {
        # A caller's account made by phone has an address that receives no mail: not shown.
        "email_given": has_reachable_email(request.user),
        "phone_display": format_phone(request.user.phone or ""),
        "verification_method_name": _verification_method_name(request.user.verification_method),
        "sections": cabinet_sections(),
    }
    return render(request, "accounts/cabinet.html", context)


@login_required
def email_change(request: HttpRequest) -> HttpResponse:
    template = "accounts/email_change.html"
    form = EmailChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_errors(form):
            services.email_change_request(
                user=request.user,
                new_email=form.cleaned_data["new_email"],
                password=form.cleaned_data["password"],
            )
        if not form.errors:
            context = {"new_email": form.cleaned_data["new_email"]}
            return render(request, "accounts/email_change_done.html", context)
    return render(request, template, {"form": form})


def email_change_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.email_change_confirm(token=token)
    except TokenExpired:
        return _link_problem(request, _("This link has expired."), resend=False)
    except TokenUsed:
        return _link_problem(
            request, _("This link has already been used or the address is taken."), resend=False
        )
    except TokenInvalid:
        return _link_problem(request, _("This link is not valid."), resend=False)
    messages.success(request, _("Your new e-mail address is confirmed and now in use."))
    return redirect("accounts:cabinet" if request.user.is_authenticated else "accounts:login")


@login_required
def data_export(request: HttpRequest) -> HttpResponse:
    data = services.personal_data_export(user=request.user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"veche-personal-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_errors(form):
            services.account_delete(user=request.user, password=form.cleaned_data["password"])
        if not form.errors:
            logout(request)
            return redirect("accounts:deleted")
    return render(request, "accounts/delete.html", {"form": form})


def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/deleted.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/privacy.html")


@require_POST
@login_required
def resend_own_confirmation(request: HttpRequest) -> HttpResponse:
    """The cabinet's button for a logged-in resident whose address is not yet confirmed."""
    if seconds := throttle.retry_after(request, throttle.RESEND):
        messages.error(request, throttle.too_many_attempts_message(seconds))
        return redirect("accounts:cabinet")
    throttle.hit(request, throttle.RESEND)
    services.confirmation_resend(email=request.user.email)
    messages.success(
        request,
        _("We have sent a new confirmation link to %(email)s.") % {"email": request.user.email},
    )
    return redirect("accounts:cabinet")
