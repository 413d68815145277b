"""Points for taking part, and the rewards they buy (SPEC §10, docs/points.md).

Points themselves live in the ledger (`veche.ledger`): a resident's points account, the issuing
account they come from, the reserve an order holds them in and the spending account they go to.
This app keeps what the ledger does not know: the rules as data, which event earned which grant
(so a removal can reverse it), content waiting for approval, the catalogue and the orders.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Rule(models.Model):
    """An action that earns points, as data: the event that grants them, the event that
    approves first (when the content must be approved), the events that take them back."""

    action = models.SlugField(_("action"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=120)
    grant_kind = models.CharField(_("granting event"), max_length=60, unique=True)
    points = models.PositiveIntegerField(_("points"))
    daily_cap = models.PositiveIntegerField(
        _("daily cap"), default=0, help_text=_("Grants per person per day; 0: no cap.")
    )
    approved_first = models.BooleanField(_("approved first"), default=False)
    approval_kind = models.CharField(
        _("approving event"),
        max_length=60,
        blank=True,
        help_text=_("The event that approves the content, when it must be approved first."),
    )
    withdrawal_kind = models.CharField(
        _("withdrawing event"),
        max_length=60,
        blank=True,
        help_text=_("The same person takes it back (a support withdrawn)."),
    )
    removal_kinds = models.CharField(
        _("removing events"),
        max_length=200,
        blank=True,
        help_text=_("Comma-separated events that remove the content (a comment removed)."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("points rule")
        verbose_name_plural = _("points rules")
        ordering = ["action"]
        constraints = [
            models.CheckConstraint(condition=Q(points__gt=0), name="points_rule_points_positive"),
            models.CheckConstraint(
                condition=Q(approved_first=False) | ~Q(approval_kind=""),
                name="points_rule_approval_named",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def removal_kind_list(self) -> list[str]:
        return [kind.strip() for kind in self.removal_kinds.split(",") if kind.strip()]


class Pseudonym(models.Model):
    """The event log's actor pseudonym of a user (events.services.actor_pseudonym), kept so the
    points consumer finds the person an event speaks of; deleted with the account's data."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    actor = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return f"{self.user_id}"


class Pending(models.Model):
    """Content that earns points once approved: who wrote it, waiting for the approving event."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=40)
    event_id = models.BigIntegerField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="points_pending_subj")]

    def __str__(self) -> str:
        return f"{self.rule_id} {self.subject_type}:{self.subject_id}"


class Grant(models.Model):
    """Points given for one event, and their reversal if the content goes or the support is
    withdrawn. One outstanding grant per rule, person and subject (the partial constraint): a
    support withdrawn and given again earns again, never twice at once."""

    rule = models.ForeignKey(Rule, on_delete=models.PROTECT, related_name="grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="point_grants"
    )
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=40)
    event_id = models.BigIntegerField(unique=True)
    points = models.PositiveIntegerField()
    day = models.DateField(help_text=_("The local day the grant counts against the cap."))
    transaction = models.OneToOneField(
        "ledger.Transaction", on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation = models.OneToOneField(
        "ledger.Transaction", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="points_grant_subject"),
            models.Index(fields=["user", "rule", "day"], name="points_grant_cap"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "user", "subject_type", "subject_id"],
                condition=Q(revoked_at__isnull=True),
                name="points_grant_outstanding_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} {self.subject_type}:{self.subject_id} +{self.points}"


class RewardKind(models.TextChoices):
    SOUVENIR = "souvenir", _("souvenir")
    TICKET = "ticket", _("ticket")


class Reward(models.Model):
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=RewardKind.choices)
    price = models.PositiveIntegerField(_("price in points"))
    stock = models.PositiveIntegerField(_("in stock"))
    active = models.BooleanField(_("offered"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reward")
        verbose_name_plural = _("rewards")
        ordering = ["price", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gt=0), name="points_reward_price_positive"),
            models.CheckConstraint(
                condition=Q(stock__gte=0), name="points_reward_stock_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class OrderStatus(models.TextChoices):
    RESERVED = "reserved", _("reserved")
    FULFILLED = "fulfilled", _("handed over")
    CANCELLED = "cancelled", _("cancelled")


class Order(models.Model):
    """A reward ordered: its points held in the reserve and one item of stock set aside until the
    rewards desk hands it over (the points are spent) or cancels it (both come back)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reward_orders"
    )
    reward = models.ForeignKey(Reward, on_delete=models.PROTECT, related_name="orders")
    price = models.PositiveIntegerField(_("price in points"))
    status = models.CharField(
        _("status"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.RESERVED
    )
    created_at = models.DateTimeField(_("ordered"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gt=0), name="points_order_price_positive"),
            models.CheckConstraint(
                condition=Q(status="reserved", decided_at__isnull=True)
                | (~Q(status="reserved") & Q(decided_at__isnull=False)),
                name="points_order_decided_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"№ {self.pk}: {self.reward}"


class DeskMember(models.Model):
    """A member of the rewards desk: hands over and cancels orders. The platform role of
    operator is the precondition (docs/permissions.md, "Roles on objects")."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rewards_desk"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rewards desk member")
        verbose_name_plural = _("rewards desk members")

    def __str__(self) -> str:
        return str(self.user)


class Invitation(models.Model):
    """A resident's referral link: the code in `/points/invite/<code>/`, made the first time he
    asks for it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="points_invitation"
    )
    code = models.CharField(max_length=16, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.code


class Referral(models.Model):
    """A registration a resident's link brought: one per invited person (the unique invited),
    never oneself (a DB check). It counts once the invited person confirms his e-mail
    (`confirmed_at`, set by the points consumer, which then records `points.referral_confirmed`)."""

    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="points_referrals"
    )
    invited = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="points_referral"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["inviter", "confirmed_at"], name="points_referral_inviter")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(inviter=models.F("invited")), name="points_referral_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inviter_id} → {self.invited_id}"
