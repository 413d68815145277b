"""The individuals' grants contest of seed 002 (issue 15 point 5): a budgeting contest that takes
individuals (veche/budgeting) with a public stage in virtual capital before its expert stage.
Each applicant states his date of birth — asked only here — and must be `min_age` (14) or over;
his application is a budgeting application and a community project collecting capital until
the public stage ends."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .capital import Project
from .registry import Direction


class GrantContest(models.Model):
    contest = models.OneToOneField(
        "budgeting.Contest", on_delete=models.PROTECT, related_name="grants"
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=14)
    public_until = models.DateField(_("public stage in capital until"))
    goal = models.PositiveIntegerField(_("capital each project collects"), default=2000)

    class Meta:
        verbose_name = _("individuals' grants contest")
        verbose_name_plural = _("individuals' grants contests")
        constraints = [
            models.CheckConstraint(condition=Q(min_age__gte=14), name="community_grants_min_age"),
            models.CheckConstraint(condition=Q(goal__gt=0), name="community_grants_goal"),
        ]

    def __str__(self) -> str:
        return str(self.contest)


class GrantApplication(models.Model):
    grant_contest = models.ForeignKey(
        GrantContest, on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_applications"
    )
    # Asked only here (SPEC §9); blanked when the person is deleted.
    date_of_birth = models.DateField(_("date of birth"), null=True)
    direction = models.CharField(_("grant direction"), max_length=20, choices=Direction.choices)
    application = models.OneToOneField(
        "budgeting.Application", on_delete=models.PROTECT, related_name="grant"
    )
    project = models.OneToOneField(Project, on_delete=models.PROTECT, related_name="grant")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        constraints = [
            models.UniqueConstraint(
                fields=["grant_contest", "applicant"], name="community_grant_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.grant_contest_id}: {self.applicant_id}"
