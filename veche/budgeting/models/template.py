"""The application template (a form builder) and the evaluation criteria of a contest.

**Versions.** A contest's template is a series of `TemplateVersion`s. The organizer edits the
one draft version (at most one per contest: a partial unique constraint); publishing it freezes
it for good (the services refuse any change to a published version's fields), and editing after
that starts a new draft copied from the latest published one. An application keeps the version
it was written on (part 3), so what was submitted always renders as it was asked. Each field has
a `key` that stays the same from version to version, so answers can be compared across versions.

**Criteria** (`Criterion`) are scored in the next issue; they are defined here so a contest is
complete before it opens: a maximum score and a weight, entered by experts, or computed from the
application or from the public vote by a formula picked from a list (`criteria.py`).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .contest import Contest


class FieldKind(models.TextChoices):
    TEXT = "text", _("text")
    LONG_TEXT = "long_text", _("long text")
    NUMBER = "number", _("number")
    MONEY = "money", _("money")
    DATE = "date", _("date")
    FILE = "file", _("file")
    SINGLE_CHOICE = "single_choice", _("single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("multiple choice")
    LOCATION = "location", _("location on the map")


NUMERIC_KINDS = (FieldKind.NUMBER, FieldKind.MONEY)
TEXT_KINDS = (FieldKind.TEXT, FieldKind.LONG_TEXT)
CHOICE_KINDS = (FieldKind.SINGLE_CHOICE, FieldKind.MULTIPLE_CHOICE)


class Evidence(models.TextChoices):
    """What a file field holds, when a programme asks for it by name (issue 12, point 4)."""

    OTHER = "", _("any document")
    MINUTES = "minutes", _("minutes of the residents' meeting")
    SIGNATURES = "signatures", _("signature sheets")
    SURVEY = "survey", _("survey results")
    CONSENTS = "consents", _("consents to personal-data processing")
    ESTIMATE = "estimate", _("cost estimate")
    PHOTOS = "photos", _("photos of the place")


# The file types a file field may accept (what veche.media can check by content).
FILE_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}


class TemplateVersion(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="template_versions")
    number = models.PositiveSmallIntegerField(_("version"))
    # None: the draft the organizer edits; a moment: published, never to change again.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        ordering = ["contest", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="template_version_number"),
            models.UniqueConstraint(
                fields=["contest"],
                condition=Q(published_at__isnull=True),
                name="template_one_draft",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="template_version_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.contest_id} · v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class TemplateField(models.Model):
    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="fields")
    key = models.SlugField(_("key"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=FieldKind.choices)
    label = models.CharField(_("label"), max_length=200)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(pgettext_lazy("template field", "required"), default=False)
    position = models.PositiveSmallIntegerField(_("order"))
    min_value = models.DecimalField(
        _("minimum"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    max_length = models.PositiveIntegerField(_("maximum length"), null=True, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    file_types = models.CharField(_("file types"), max_length=40, blank=True)
    max_file_mb = models.PositiveSmallIntegerField(
        _("maximum file size, MB"), null=True, blank=True
    )
    evidence = models.CharField(
        _("evidence"), max_length=20, choices=Evidence.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("template field")
        verbose_name_plural = _("template fields")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="template_field_key"),
            models.UniqueConstraint(fields=["version", "position"], name="template_field_position"),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lte=F("max_value")),
                name="template_field_min_le_max",
            ),
            models.CheckConstraint(
                condition=Q(max_length__isnull=True) | Q(max_length__gte=1),
                name="template_field_length_positive",
            ),
            models.CheckConstraint(
                condition=Q(max_file_mb__isnull=True) | Q(max_file_mb__gte=1),
                name="template_field_file_size_positive",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in FieldKind]),
                name="template_field_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def accepted_types(self) -> list[str]:
        """The file types a file field accepts (all that media checks, when none is named)."""
        named = [t for t in self.file_types.split(",") if t in FILE_TYPES]
        return named or list(FILE_TYPES)


class CriterionSource(models.TextChoices):
    EXPERTS = "experts", _("scored by the experts")
    APPLICATION = "application", _("computed from the application")
    VOTE = "vote", _("computed from the public vote")


class Criterion(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(_("criterion"), max_length=200)
    description = models.CharField(_("how it is judged"), max_length=1000, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=6, decimal_places=2)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=Decimal(1))
    source = models.CharField(
        _("source"), max_length=20, choices=CriterionSource.choices, default="experts"
    )
    # A code of criteria.FORMULAS, for a computed criterion; '' for the experts' own scores.
    formula = models.CharField(_("formula"), max_length=40, blank=True)
    # The template field a formula reads (its key), e.g. the number of beneficiaries.
    field_key = models.SlugField(_("field"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["contest", "position"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "position"], name="criterion_position"),
            models.CheckConstraint(condition=Q(max_score__gt=0), name="criterion_max_positive"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
            models.CheckConstraint(
                condition=Q(source="experts", formula="") | (~Q(source="experts") & ~Q(formula="")),
                name="criterion_formula_iff_computed",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def formula_label(self) -> str:
        from ..criteria import FORMULAS

        formula = FORMULAS.get(self.formula)
        return str(formula.label) if formula else ""


class ChecklistItem(models.Model):
    """One point of the contest's completeness checklist: the technical reviewer ticks every
    point before admitting an application (e.g. «the estimate is signed»)."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="checklist")
    text = models.CharField(_("checklist item"), max_length=300)
    position = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["contest", "position"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "position"], name="checklist_position"),
        ]

    def __str__(self) -> str:
        return self.text
