"""Initiative groups and applications up to the technical review (issue 12, points 4–5).

- A resident creates an **initiative group** and leads it; he invites members by e-mail or by a
  link (`GroupInvitation`, a one-off token valid 14 days); they accept and join.
- An **application** is written by a group (its leader submits), by a municipality (its
  municipal admin submits, in a regional contest, within the quota per municipality) or by an
  individual, on the contest's template **version** current when it was started. Its answers are
  a JSON object by field key; its files are rows (`ApplicationFile`). Its co-financing is money
  by source, and the database checks the sources add up to the cost.
- Each submission is kept as an `ApplicationRevision` (answers, files and money as submitted),
  so revisions stay comparable; a reviewer's remarks are per field (`RevisionRemark`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veche.territory.models import Municipality

from .contest import MONEY, SOURCES, Contest
from .template import TemplateVersion


class InitiativeGroup(models.Model):
    name = models.CharField(_("group name"), max_length=200)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="led_groups"
    )
    # The idea the group published and discussed (veche.ideas), when it has one.
    idea = models.ForeignKey(
        "ideas.Idea", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("initiative group")
        verbose_name_plural = _("initiative groups")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("budgeting:group", args=[self.pk])


class GroupMember(models.Model):
    group = models.ForeignKey(InitiativeGroup, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="group_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.group_id} · {self.user_id}"


class GroupInvitation(models.Model):
    group = models.ForeignKey(InitiativeGroup, on_delete=models.CASCADE, related_name="invitations")
    # '' for an invitation by link, which whoever opens it may accept once.
    email = models.EmailField(_("e-mail"), blank=True)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="invitation_expires_later"
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(accepted_at__lte=F("expires_at")),
                name="invitation_accepted_in_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group_id} · {self.email or 'link'}"


class RejectionReason(models.Model):
    """A listed reason to reject an application at the technical review (admin-edited)."""

    code = models.SlugField(unique=True)
    text = models.CharField(_("reason"), max_length=300)
    is_active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("rejection reason")
        verbose_name_plural = _("rejection reasons")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class Application(models.Model):
    class Kind(models.TextChoices):
        GROUP = "group", _("initiative group")
        MUNICIPALITY = "municipality", _("municipality")
        INDIVIDUAL = "individual", _("individual")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", pgettext_lazy("application status", "submitted")
        REVISION = "revision", pgettext_lazy("application status", "on revision")
        ADMITTED = "admitted", pgettext_lazy("application status", "admitted")
        REJECTED = "rejected", pgettext_lazy("application status", "rejected")
        EVALUATED = "evaluated", pgettext_lazy("application status", "evaluated")
        # Set by the winners' computation (services/results.py) and the registry of realized
        # projects (veche.realized, through services/implementation.py).
        WINNER = "winner", pgettext_lazy("application status", "winner")
        NOT_SELECTED = "not_selected", pgettext_lazy("application status", "not selected")
        IN_IMPLEMENTATION = (
            "in_implementation",
            pgettext_lazy("application status", "in implementation"),
        )
        IMPLEMENTED = "implemented", pgettext_lazy("application status", "implemented")

    contest = models.ForeignKey(Contest, on_delete=models.PROTECT, related_name="applications")
    version = models.ForeignKey(
        TemplateVersion, on_delete=models.PROTECT, related_name="applications"
    )
    kind = models.CharField(_("applicant"), max_length=20, choices=Kind.choices)
    group = models.ForeignKey(
        InitiativeGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    # The applicant municipality (regional contests), or where the project is (municipal ones).
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="budget_applications"
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    answers = models.JSONField(default=dict, blank=True)
    cost = models.DecimalField(_("cost, ₽"), default=0, **MONEY)
    amount_region = models.DecimalField(_("region, ₽"), default=0, **MONEY)
    amount_municipality = models.DecimalField(_("municipality, ₽"), default=0, **MONEY)
    amount_residents = models.DecimalField(_("residents, ₽"), default=0, **MONEY)
    amount_businesses = models.DecimalField(_("businesses, ₽"), default=0, **MONEY)
    amount_in_kind = models.DecimalField(_("in kind, ₽"), default=0, **MONEY)
    revision_count = models.PositiveSmallIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    revision_due = models.DateTimeField(_("revision due"), null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.ForeignKey(
        RejectionReason, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rejection_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["contest", "status"], name="application_queue")]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"amount_{s}__gte": 0 for s in SOURCES}),
                name="application_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(
                    cost=F("amount_region")
                    + F("amount_municipality")
                    + F("amount_residents")
                    + F("amount_businesses")
                    + F("amount_in_kind")
                ),
                name="application_sources_add_up",
            ),
            models.CheckConstraint(
                condition=Q(kind="group", group__isnull=False)
                | (~Q(kind="group") & Q(group__isnull=True)),
                name="application_group_iff_group_kind",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "draft",
                        "submitted",
                        "revision",
                        "admitted",
                        "rejected",
                        "evaluated",
                        "winner",
                        "not_selected",
                        "in_implementation",
                        "implemented",
                    ]
                ),
                name="application_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | Q(rejection_reason__isnull=False),
                name="application_rejected_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="application_submitted_moment",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgeting:application", args=[self.pk])

    def amounts(self) -> dict:
        return {source: getattr(self, f"amount_{source}") for source in SOURCES}


class ApplicationFile(models.Model):
    """A file answering a file field, cleaned by veche.media; kept while a revision names it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    key = models.SlugField(max_length=40)
    file = models.FileField(upload_to="budgeting/applications/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("application file")
        verbose_name_plural = _("application files")
        ordering = ["key", "pk"]

    def __str__(self) -> str:
        return self.name


class ApplicationRevision(models.Model):
    """The application as it was submitted the n-th time: kept for good, to compare."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField()
    version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    answers = models.JSONField(default=dict)
    # {key: file id} of the files this revision answered with.
    files = models.JSONField(default=dict)
    amounts = models.JSONField(default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="revision_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="revision_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} · {self.number}"


class RevisionRemark(models.Model):
    """A reviewer's remark on one field of a submitted revision ('' key: the whole)."""

    revision = models.ForeignKey(
        ApplicationRevision, on_delete=models.CASCADE, related_name="remarks"
    )
    key = models.CharField(max_length=40, blank=True)
    text = models.TextField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["revision", "pk"]

    def __str__(self) -> str:
        return self.text[:50]


class ContestReviewer(models.Model):
    """A technical reviewer of one contest, named by its organizer (audited)."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewed_contests"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("technical reviewer")
        verbose_name_plural = _("technical reviewers")
        constraints = [
            models.UniqueConstraint(fields=["contest", "user"], name="contest_reviewer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.contest_id} · {self.user_id}"


class ApplicationTimelineEntry(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="timeline")
    status = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # A gettext_noop msgid with its parameters, rendered in the reader's language.
    message = models.CharField(max_length=300)
    params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id} · {self.status}"

    @property
    def display_text(self) -> str:
        """The message in the active language (notifications.text renders nested msgids)."""
        from veche.notifications.text import render

        return render(
            {"msgid": self.message, "params": self.params}
            if self.params
            else {"msgid": self.message}
        )


def past_admission() -> list[str]:
    """The statuses of an application that has passed the technical review (public from then
    on): admitted and every later one (evaluated; voting, winner … as later modules add them)."""
    before = ("draft", "submitted", "revision", "rejected")
    return [status for status in Application.Status.values if status not in before]
