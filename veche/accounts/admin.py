"""The back office's user pages: Django's UserAdmin adapted to e-mail login and resident fields."""

from django.contrib import admin, messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .forms import AdminLoginForm
from .models import User, VerificationMethod
from .phones import normalize_phone
from .validators import normalize_email

# The back office's login checks passwords under the portal's login limit
# (accounts.views.admin_login serves /admin/login/ and answers 429 when the form refuses).
admin.site.login_form = AdminLoginForm


class VerificationMethodFilter(admin.SimpleListFilter):
    """Named methods only: the plain field filter would offer an unlabeled empty choice."""

    title = _("verification method")
    parameter_name = "verification_method"

    def lookups(self, request, model_admin):
        return VerificationMethod.choices

    def queryset(self, request, queryset):
        return queryset.filter(verification_method=self.value()) if self.value() else queryset


class PhoneNormalizingMixin:
    """Staff type numbers as residents do; store them as E.164 like registration does."""

    def clean_phone(self) -> str | None:
        value = self.cleaned_data.get("phone")
        if not value:
            return None
        phone = normalize_phone(value)
        # Staff may learn that a number is taken; residents never do (see docs/accounts.md).
        if User.objects.filter(phone=phone).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("This phone number is already registered."))
        return phone

    def clean_email(self) -> str:
        return normalize_email(self.cleaned_data.get("email"))


class UserCreationForm(PhoneNormalizingMixin, auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "last_name", "first_name", "settlement", "phone")


class UserChangeForm(PhoneNormalizingMixin, auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class EmailConfirmedFilter(admin.SimpleListFilter):
    title = _("e-mail confirmed")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("yes")), ("no", _("no"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(email_confirmed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(email_confirmed_at__isnull=True)
        return queryset


class VerifiedFilter(EmailConfirmedFilter):
    title = _("verified")
    parameter_name = "verified"

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(verified_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(verified_at__isnull=True)
        return queryset


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = [
        "email",
        "last_name",
        "first_name",
        "settlement",
        "is_email_confirmed",
        "is_verified",
        "is_staff",
    ]
    list_filter = [
        EmailConfirmedFilter,
        VerifiedFilter,
        VerificationMethodFilter,
        "is_staff",
        "is_active",
        "settlement__municipality",
    ]
    search_fields = ["email", "last_name", "first_name", "phone"]
    list_select_related = ["settlement"]
    # Confirmation and verification change only through services: the "confirm the e-mail"
    # action here, identity decisions on the moderators' verification pages.
    readonly_fields = [
        "last_login",
        "date_joined",
        "deleted_at",
        "personal_data_consent_at",
        "email_confirmed_at",
        "verified_at",
        "verification_method",
    ]
    actions = ["confirm_email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["last_name", "first_name", "settlement", "phone"]}),
        (
            _("Status"),
            {
                "fields": [
                    "email_confirmed_at",
                    "verified_at",
                    "verification_method",
                    "personal_data_consent_at",
                    "deleted_at",
                ]
            },
        ),
        (
            _("Back-office access"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "email",
                    "last_name",
                    "first_name",
                    "settlement",
                    "phone",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]

    @admin.display(boolean=True, description=_("e-mail confirmed"))
    def is_email_confirmed(self, obj: User) -> bool:
        return obj.is_email_confirmed

    @admin.display(boolean=True, description=_("verified"))
    def is_verified(self, obj: User) -> bool:
        return obj.is_verified

    @admin.action(description=_("Confirm the e-mail address"), permissions=["change"])
    def confirm_email(self, request, queryset) -> None:
        confirmed = 0
        for user in queryset:
            try:
                changed = services.email_confirm_by_staff(actor=request.user, user=user)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"{user}: {' '.join(_messages(error))}", messages.ERROR)
                continue
            if changed:
                self.log_change(request, user, [{"changed": {"fields": ["email_confirmed_at"]}}])
                confirmed += 1
        self.message_user(
            request, _("E-mail addresses confirmed: %(count)d.") % {"count": confirmed}
        )


def _messages(error: Exception) -> list[str]:
    return error.messages if isinstance(error, ValidationError) else [str(error)]
