"""The application template and the evaluation criteria, the organizer's side.

The organizer always edits the contest's one **draft** version; the first change after a
version is published starts a new draft copied from it, so a published version never changes
(`field_*` take the field's `key`, which stays the same across versions). `template_publish`
freezes the draft; publishing the contest publishes its draft too. `template_copy` replaces the
draft's fields by those of another contest's template. Criteria change only until the contest
begins. Each service checks its rule, locks the contest, writes in one transaction and records
one event `budgeting.contest_<action>` with its staff audit row (services/_common.py)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.core.text import clean_text

from ..criteria import FORMULAS
from ..models import (
    CHOICE_KINDS,
    FILE_TYPES,
    NUMERIC_KINDS,
    TEXT_KINDS,
    Contest,
    Criterion,
    CriterionSource,
    Evidence,
    FieldKind,
    TemplateField,
    TemplateVersion,
)
from ._common import contest_changed, lock_contest, not_organizer, require

MAX_FIELDS = 60
MAX_CHOICES = 50
MAX_TEXT_LENGTH = 20000
MAX_CRITERIA = 30
MAX_SCORE = Decimal(1000)
MAX_WEIGHT = Decimal(100)


@dataclass(frozen=True)
class FieldIn:
    kind: str
    label: str
    help_text: str = ""
    required: bool = False
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    max_length: int | None = None
    choices: Sequence[str] = field(default_factory=tuple)
    file_types: Sequence[str] = field(default_factory=tuple)
    max_file_mb: int | None = None
    evidence: str = ""


@dataclass(frozen=True)
class CriterionIn:
    title: str
    max_score: Decimal | None
    weight: Decimal | None = Decimal(1)
    description: str = ""
    source: str = CriterionSource.EXPERTS
    formula: str = ""
    field_key: str = ""


def _words(value: str) -> str:
    return " ".join(clean_text(value or "").split())


def _limits_errors(spec: FieldIn, errors: dict) -> None:
    kind = spec.kind
    if spec.min_value is not None or spec.max_value is not None:
        if kind not in NUMERIC_KINDS:
            errors["min_value"] = [_("A minimum and a maximum apply to numbers and money only.")]
        elif (
            spec.min_value is not None
            and spec.max_value is not None
            and spec.min_value > spec.max_value
        ):
            errors["max_value"] = [_("The maximum cannot be less than the minimum.")]
    if spec.max_length is not None:
        if kind not in TEXT_KINDS:
            errors["max_length"] = [_("A maximum length applies to text only.")]
        elif not 1 <= spec.max_length <= MAX_TEXT_LENGTH:
            errors["max_length"] = [
                _("The maximum length is between 1 and %(max)d characters.")
                % {"max": MAX_TEXT_LENGTH}
            ]


def _file_errors(spec: FieldIn, errors: dict) -> None:
    media_cap = int(settings.MEDIA_MAX_DOCUMENT_MB)
    if spec.kind != FieldKind.FILE:
        if spec.file_types or spec.max_file_mb is not None or spec.evidence:
            errors["file_types"] = [_("File types, sizes and evidence apply to file fields only.")]
        return
    unknown = [t for t in spec.file_types if t not in FILE_TYPES]
    if unknown:
        errors["file_types"] = [
            _("Files may be PDF, JPEG or PNG; not «%(type)s».") % {"type": unknown[0]}
        ]
    if spec.max_file_mb is not None and not 1 <= spec.max_file_mb <= media_cap:
        errors["max_file_mb"] = [
            _("The size limit is between 1 and %(max)d MB.") % {"max": media_cap}
        ]
    if spec.evidence not in Evidence.values:
        errors["evidence"] = [_("Choose what the file holds from the list.")]


def _choice_errors(spec: FieldIn, choices: list[str], errors: dict) -> None:
    if spec.kind in CHOICE_KINDS:
        if len(choices) < 2:
            errors["choices"] = [_("Give at least two choices, one a line.")]
        elif len(choices) > MAX_CHOICES:
            errors["choices"] = [_("At most %(max)d choices.") % {"max": MAX_CHOICES}]
        elif len(set(choices)) != len(choices):
            errors["choices"] = [_("Each choice must differ from the others.")]
    elif choices:
        errors["choices"] = [_("Choices apply to single and multiple choice fields only.")]


def check_field(spec: FieldIn) -> dict:
    """The field's attributes cleaned; a ValidationError names every wrong one."""
    errors: dict[str, list[str]] = {}
    if spec.kind not in FieldKind.values:
        errors["kind"] = [_("Choose the kind of field from the list.")]
    label = _words(spec.label)
    if not label:
        errors["label"] = [_("Give the field a label: the question the applicant answers.")]
    elif len(label) > 200:
        errors["label"] = [_("The label is too long: at most 200 characters.")]
    help_text = _words(spec.help_text)
    if len(help_text) > 500:
        errors["help_text"] = [_("The help text is too long: at most 500 characters.")]
    choices = [_words(c) for c in spec.choices if _words(c)]
    if "kind" not in errors:
        _limits_errors(spec, errors)
        _file_errors(spec, errors)
        _choice_errors(spec, choices, errors)
    if errors:
        raise ValidationError(errors)
    return {
        "kind": spec.kind,
        "label": label,
        "help_text": help_text,
        "required": spec.required,
        "min_value": spec.min_value,
        "max_value": spec.max_value,
        "max_length": spec.max_length,
        "choices": choices,
        "file_types": ",".join(t for t in FILE_TYPES if t in spec.file_types),
        "max_file_mb": spec.max_file_mb,
        "evidence": spec.evidence or "",
    }


# --- Versions ---------------------------------------------------------------------------------


def current_version(contest: Contest) -> TemplateVersion | None:
    """The latest published version: the one new applications are written on."""
    return (
        TemplateVersion.objects.filter(contest=contest, published_at__isnull=False)
        .order_by("-number")
        .first()
    )


def draft_version(contest: Contest) -> TemplateVersion | None:
    return TemplateVersion.objects.filter(contest=contest, published_at__isnull=True).first()


def _copy_fields(source: TemplateVersion, target: TemplateVersion) -> None:
    TemplateField.objects.bulk_create(
        [
            TemplateField(
                version=target,
                **{
                    f.name: getattr(item, f.name)
                    for f in TemplateField._meta.concrete_fields
                    if f.name not in ("id", "version")
                },
            )
            for item in source.fields.all()
        ]
    )


def _draft(contest: Contest, user) -> TemplateVersion:
    """The contest's draft version, made (from the latest published one) when there is none.
    Expects the contest's row to be locked."""
    draft = draft_version(contest)
    if draft is not None:
        return draft
    latest = current_version(contest)
    number = (contest.template_versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = TemplateVersion.objects.create(
        contest=contest, number=number, created_by=user, copied_from=latest
    )
    if latest is not None:
        _copy_fields(latest, draft)
    return draft


def _editing(user, contest: Contest) -> Contest:
    contest = lock_contest(contest)
    require(user, "budgeting.manage_contest", contest, not_organizer())
    return contest


def _field(draft: TemplateVersion, key: str) -> TemplateField:
    found = draft.fields.filter(key=key).first()
    if found is None:
        raise ValidationError(_("The template has no such field."), code="no_field")
    return found


def field_add(*, user, contest: Contest, spec: FieldIn) -> TemplateField:
    """Add a field at the end of the draft (a new draft when the template was published)."""
    values = check_field(spec)
    with transaction.atomic():
        contest = _editing(user, contest)
        draft = _draft(contest, user)
        count = draft.fields.count()
        if count >= MAX_FIELDS:
            raise ValidationError(_("A template has at most %(max)d fields.") % {"max": MAX_FIELDS})
        used = set(
            TemplateField.objects.filter(version__contest=contest).values_list("key", flat=True)
        )
        number = count + 1
        while f"field-{number}" in used:
            number += 1
        item = TemplateField(version=draft, key=f"field-{number}", position=count + 1, **values)
        item.full_clean()
        item.save()
        contest_changed(contest, user=user, action="field_add", details={"key": item.key})
    return item


def field_update(*, user, contest: Contest, key: str, spec: FieldIn) -> TemplateField:
    """Change the field `key` in the draft; a published version keeps its own copy."""
    values = check_field(spec)
    with transaction.atomic():
        contest = _editing(user, contest)
        item = _field(_draft(contest, user), key)
        for name, value in values.items():
            setattr(item, name, value)
        item.full_clean()
        item.save()
        contest_changed(contest, user=user, action="field_update", details={"key": key})
    return item


def field_remove(*, user, contest: Contest, key: str) -> None:
    with transaction.atomic():
        contest = _editing(user, contest)
        draft = _draft(contest, user)
        _field(draft, key).delete()
        _renumber(list(draft.fields.order_by("position")))
        contest_changed(contest, user=user, action="field_remove", details={"key": key})


def field_move(*, user, contest: Contest, key: str, up: bool) -> None:
    """Swap the field with the one before (`up`) or after it; at an end nothing moves."""
    with transaction.atomic():
        contest = _editing(user, contest)
        items = list(_draft(contest, user).fields.order_by("position"))
        index = next((i for i, f in enumerate(items) if f.key == key), None)
        if index is None:
            raise ValidationError(_("The template has no such field."), code="no_field")
        other = index - 1 if up else index + 1
        if 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]
            _renumber(items)
            contest_changed(contest, user=user, action="field_move", details={"key": key})


def _renumber(items: list[TemplateField]) -> None:
    """Positions 1…n in the list's order (through a free range: the pair is unique)."""
    offset = 1000
    for number, item in enumerate(items, start=1):
        item.position = offset + number
    TemplateField.objects.bulk_update(items, ["position"])
    for number, item in enumerate(items, start=1):
        item.position = number
    TemplateField.objects.bulk_update(items, ["position"])


def template_errors(contest: Contest) -> list[str]:
    """What keeps the contest's template from being published (none: it may be)."""
    draft = draft_version(contest)
    if draft is not None and draft.fields.exists():
        return []
    current = current_version(contest)
    if current is not None and current.fields.exists():
        return []
    return [_("The application template has no fields: add the questions applicants answer.")]


def publish_draft(contest: Contest, user) -> TemplateVersion | None:
    """Freeze the draft (which must have fields); expects the contest locked."""
    draft = draft_version(contest)
    if draft is None:
        return None
    if not draft.fields.exists():
        raise ValidationError(
            _("The application template has no fields: add the questions applicants answer."),
            code="empty_template",
        )
    draft.published_at = timezone.now()
    draft.save(update_fields=["published_at"])
    return draft


def template_publish(*, user, contest: Contest) -> TemplateVersion:
    """Publish the draft version: new applications are written on it from now on; those
    written before keep their version."""
    with transaction.atomic():
        contest = _editing(user, contest)
        version = publish_draft(contest, user)
        if version is None:
            raise ValidationError(_("There are no changes to publish."), code="no_draft")
        contest_changed(
            contest, user=user, action="template_publish", details={"version": version.number}
        )
    return version


def template_copy(*, user, contest: Contest, source: Contest) -> TemplateVersion:
    """Replace the draft's fields by another contest's template (its latest published version,
    or the draft of a contest the user organizes)."""
    if source.pk == contest.pk:
        raise ValidationError({"source": [_("Choose another contest to copy from.")]})
    if not user.has_perm("budgeting.view_contest", source):
        raise PermissionDenied(_("You cannot see that contest."))
    copied = current_version(source)
    if copied is None and user.has_perm("budgeting.manage_contest", source):
        copied = draft_version(source)
    if copied is None or not copied.fields.exists():
        raise ValidationError({"source": [_("That contest's template has no fields to copy.")]})
    with transaction.atomic():
        contest = _editing(user, contest)
        draft = _draft(contest, user)
        draft.fields.all().delete()
        _copy_fields(copied, draft)
        draft.copied_from = copied
        draft.save(update_fields=["copied_from"])
        contest_changed(contest, user=user, action="template_copy", details={"source": source.pk})
    return draft


# --- Criteria ---------------------------------------------------------------------------------


def _number_keys(contest: Contest) -> set[str]:
    """Keys of the number and money fields of the contest's draft and current templates."""
    return set(
        TemplateField.objects.filter(version__contest=contest, kind__in=NUMERIC_KINDS).values_list(
            "key", flat=True
        )
    )


def check_criterion(contest: Contest, spec: CriterionIn) -> dict:
    errors: dict[str, list[str]] = {}
    title = _words(spec.title)
    if not title:
        errors["title"] = [_("Name the criterion.")]
    elif len(title) > 200:
        errors["title"] = [_("The title is too long: at most %(max)d characters.") % {"max": 200}]
    description = _words(spec.description)[:1000]
    if spec.max_score is None or not Decimal(0) < spec.max_score <= MAX_SCORE:
        errors["max_score"] = [
            _("The maximum score is a positive number up to %(max)s.") % {"max": MAX_SCORE}
        ]
    if spec.weight is None or not Decimal(0) < spec.weight <= MAX_WEIGHT:
        errors["weight"] = [
            _("The weight is a positive number up to %(max)s.") % {"max": MAX_WEIGHT}
        ]
    formula = FORMULAS.get(spec.formula) if spec.formula else None
    if spec.source not in CriterionSource.values:
        errors["source"] = [_("Choose how the criterion is scored from the list.")]
    elif spec.source == CriterionSource.EXPERTS:
        if spec.formula:
            errors["formula"] = [_("The experts' own scores need no formula.")]
    elif formula is None or formula.source != spec.source:
        errors["formula"] = [_("Choose a formula that reads what the criterion is computed from.")]
    field_key = spec.field_key if formula is not None and formula.needs_field else ""
    if formula is not None and formula.needs_field and field_key not in _number_keys(contest):
        errors["field_key"] = [_("Choose the number field of the template the formula reads.")]
    if errors:
        raise ValidationError(errors)
    return {
        "title": title,
        "description": description,
        "max_score": spec.max_score,
        "weight": spec.weight,
        "source": spec.source,
        "formula": spec.formula if spec.source != CriterionSource.EXPERTS else "",
        "field_key": field_key,
    }


def _criteria_editing(user, contest: Contest) -> Contest:
    contest = _editing(user, contest)
    if not user.has_perm("budgeting.change_contest", contest):
        raise ValidationError(
            _("The contest has begun: its criteria can no longer change."), code="started"
        )
    return contest


def criterion_add(*, user, contest: Contest, spec: CriterionIn) -> Criterion:
    with transaction.atomic():
        contest = _criteria_editing(user, contest)
        values = check_criterion(contest, spec)
        count = contest.criteria.count()
        if count >= MAX_CRITERIA:
            raise ValidationError(_("At most %(max)d criteria.") % {"max": MAX_CRITERIA})
        criterion = Criterion(contest=contest, position=count + 1, **values)
        criterion.full_clean()
        criterion.save()
        contest_changed(
            contest, user=user, action="criterion_add", details={"title": values["title"]}
        )
    return criterion


def criterion_update(*, user, criterion: Criterion, spec: CriterionIn) -> Criterion:
    with transaction.atomic():
        contest = _criteria_editing(user, criterion.contest)
        criterion = Criterion.objects.get(pk=criterion.pk, contest=contest)
        for name, value in check_criterion(contest, spec).items():
            setattr(criterion, name, value)
        criterion.full_clean()
        criterion.save()
        contest_changed(contest, user=user, action="criterion_update", details={"id": criterion.pk})
    return criterion


def criterion_remove(*, user, criterion: Criterion) -> None:
    with transaction.atomic():
        contest = _criteria_editing(user, criterion.contest)
        Criterion.objects.filter(pk=criterion.pk, contest=contest).delete()
        rest = list(contest.criteria.order_by("position"))
        for number, item in enumerate(rest, start=1):
            item.position = 1000 + number
        Criterion.objects.bulk_update(rest, ["position"])
        for number, item in enumerate(rest, start=1):
            item.position = number
        Criterion.objects.bulk_update(rest, ["position"])
        contest_changed(contest, user=user, action="criterion_remove", details={"id": criterion.pk})


# --- Checklist --------------------------------------------------------------------------------


def checklist_add(*, user, contest: Contest, text: str):
    from ..models import ChecklistItem

    text = _words(text)
    if not text:
        raise ValidationError({"text": [_("Write what the reviewer checks.")]})
    if len(text) > 300:
        raise ValidationError(
            {"text": [_("The text is too long: at most %(max)d characters.") % {"max": 300}]}
        )
    with transaction.atomic():
        contest = _criteria_editing(user, contest)
        count = contest.checklist.count()
        if count >= MAX_CRITERIA:
            raise ValidationError({"text": [_("At most %(max)d items.") % {"max": MAX_CRITERIA}]})
        item = ChecklistItem.objects.create(contest=contest, text=text, position=count + 1)
        contest_changed(contest, user=user, action="checklist_add", details={"text": text})
    return item


def checklist_remove(*, user, item) -> None:
    from ..models import ChecklistItem

    with transaction.atomic():
        contest = _criteria_editing(user, item.contest)
        ChecklistItem.objects.filter(pk=item.pk, contest=contest).delete()
        rest = list(contest.checklist.order_by("position"))
        for number, left in enumerate(rest, start=1):
            left.position = 1000 + number
        ChecklistItem.objects.bulk_update(rest, ["position"])
        for number, left in enumerate(rest, start=1):
            left.position = number
        ChecklistItem.objects.bulk_update(rest, ["position"])
        contest_changed(contest, user=user, action="checklist_remove", details={"id": item.pk})
