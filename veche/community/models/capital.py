"""Virtual capital (SPEC §9, issue 15 point 4): verified residents receive it by rules kept as
data and give it to community projects toward a goal. The capital itself lives in the ledger
(`veche.ledger`, currency "capital"): a resident's personal account, the project's account, the
issuing account. This app keeps the rules, the projects (the seed of the registries of issue 15
point 3) and each gift, so a project that fails can return every one (docs/community.md)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .registry import Direction


class CapitalRuleKind(models.TextChoices):
    VERIFICATION = "verification", _("on verification")
    SEASONAL = "seasonal", _("seasonal grant")


class CapitalRule(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=CapitalRuleKind.choices)
    label = models.CharField(_("label"), max_length=120)
    amount = models.PositiveIntegerField(_("amount"))
    grant_on = models.DateField(_("grant on"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("capital rule")
        verbose_name_plural = _("capital rules")
        ordering = ["kind", "grant_on"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="community_rule_amount"),
            models.CheckConstraint(
                condition=~Q(kind="seasonal") | Q(grant_on__isnull=False),
                name="community_rule_seasonal_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class ProjectStatus(models.TextChoices):
    OPEN = "open", _("collecting")
    COLLECTED = "collected", _("goal reached")
    FROZEN = "frozen", _("frozen")
    RETURNED = "returned", _("not collected, returned")
    REJECTED = "rejected", _("rejected, returned")


class Project(models.Model):
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="community_projects",
        verbose_name=_("behind the project"),
    )
    goal = models.PositiveIntegerField(_("goal"))
    deadline = models.DateField(_("collecting until"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.OPEN
    )
    collected = models.PositiveIntegerField(_("collected"), default=0)
    backers = models.PositiveIntegerField(_("backers"), default=0)
    # The registry's side of a project (docs/community.md, "Registries"): who is behind it in
    # the registries (an NGO, an activist leading it), where, in which direction.
    organization = models.ForeignKey(
        "community.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("NGO"),
    )
    activist = models.ForeignKey(
        "community.Activist",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("leader"),
    )
    municipality = models.ForeignKey(
        "territory.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    direction = models.CharField(
        _("direction"), max_length=20, choices=Direction.choices, blank=True
    )
    search_stems = models.TextField(default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("community project")
        verbose_name_plural = _("community projects")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["title", "id"], name="community_project_title"),
            models.Index(fields=["municipality", "title", "id"], name="community_project_mun"),
            models.Index(fields=["direction", "title", "id"], name="community_project_dir"),
            models.Index(fields=["status", "title", "id"], name="community_project_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(goal__gt=0), name="community_project_goal"),
            models.CheckConstraint(
                condition=Q(collected__lte=F("goal")), name="community_project_within_goal"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:project", args=[self.pk])


class Gift(models.Model):
    """One resident's capital given to a project, and its return if the project fails."""

    # The (project, user) index serves lookups by project: no index of its own.
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="gifts", db_index=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="capital_gifts"
    )
    amount = models.PositiveIntegerField()
    transaction = models.OneToOneField(
        "ledger.Transaction", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["project", "user"], name="community_gift_backer")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="community_gift_amount")
        ]

    def __str__(self) -> str:
        return f"{self.project_id} +{self.amount}"


class CapitalFreeze(models.Model):
    """A moderator froze a resident's capital pending verification (issue 15 point 6): while
    `lifted_at` is empty he gives nothing. One active freeze per resident (a DB constraint)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="capital_freezes"
    )
    reason = models.CharField(_("reason"), max_length=300)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    frozen_at = models.DateTimeField(auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("capital freeze")
        verbose_name_plural = _("capital freezes")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(lifted_at__isnull=True),
                name="community_one_active_freeze",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.reason}"
