"""People: one user model for residents and staff. Staff roles live in the staff app."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veche.territory.models import Settlement

from .phones import validate_e164_phone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        fields.setdefault("email_confirmed_at", timezone.now())
        return self.create_user(email, password, **fields)


class VerificationMethod(models.TextChoices):
    """How a resident proved who he is. `User.verification_method` holds one (or "" when not
    verified); the verification app, above this one, names its methods with these."""

    PHONE = "phone", _("phone code")
    DOCUMENT = "document", _("document check")
    OIDC = "oidc", _("identity provider")


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    # Staff created in the back office may have no settlement; residents always choose one.
    settlement = models.ForeignKey(
        Settlement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("settlement"),
    )
    # E.164 (+79XXXXXXXXX); unique when present, so "no phone" must be NULL, not "".
    phone = models.CharField(  # noqa: DJ001
        _("phone"), max_length=20, null=True, blank=True, validators=[validate_e164_phone]
    )
    personal_data_consent_at = models.DateTimeField(
        _("consent to personal data processing"), null=True, blank=True
    )
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verification_method = models.CharField(_("verification method"), max_length=20, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    is_staff = models.BooleanField(_("back-office access"), default=False)
    # Kept by the staff app whenever a role is assigned or removed: most users are residents,
    # and this spares their every permission check the query for roles they do not hold.
    holds_roles = models.BooleanField(
        _("holds staff roles"), default=False, db_default=False, editable=False
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("registered"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["last_name", "first_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                fields=["phone"],
                condition=models.Q(phone__isnull=False),
                name="user_unique_phone",
                violation_error_message=_("This phone number is already registered."),
            ),
            # save() lower-cases, but updates that bypass it must not create a case-twin either.
            models.UniqueConstraint(
                Lower("email"),
                name="user_unique_email_ci",
                violation_error_message=_("A user with this e-mail already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs):
        # E-mail is stored lower-cased, so the unique index is case-insensitive in effect.
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return f"{self.last_name} {self.first_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name

    @property
    def public_name(self) -> str:
        """What others see: never the full name, phone or e-mail (SPEC §3, privacy)."""
        if self.deleted_at:
            return str(_("Deleted user"))
        initial = f" {self.last_name[:1]}." if self.last_name else ""
        return f"{self.first_name}{initial}"

    @property
    def is_email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None
