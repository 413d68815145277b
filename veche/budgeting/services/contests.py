"""Contests, the organizer's side: create and change a contest's terms, set its stages, attach
documents, publish it. Each service checks its named rule (rules.py), writes in one transaction
under the contest's row lock, and records one event (`budgeting.contest_<action>`) and one row of
the staff audit log."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.core.sanitize import sanitize_html
from veche.core.text import clean_text
from veche.media.documents import process_document
from veche.territory.models import Municipality

from .. import stages as stage_registry
from ..models import SOURCE_LABELS, SOURCES, Contest, ContestDocument, ContestStage, share_field
from ._common import contest_changed, lock_contest, not_organizer, require
from .templates import publish_draft, template_errors

MAX_TITLE = 200
MAX_RULES = 20000
MAX_DOCUMENT_TITLE = 200
MAX_DOCUMENTS = 20


@dataclass(frozen=True)
class Terms:
    """What the organizer says about a contest besides its stages (the builder's first form)."""

    title: str
    rules: str
    municipality: Municipality | None
    budget: Decimal | None
    subsidy_cap: Decimal | None = None
    min_shares: Mapping[str, Decimal | None] | None = None
    quota_per_municipality: int | None = None
    accepts_groups: bool = True
    accepts_municipalities: bool = False
    accepts_individuals: bool = False


@dataclass(frozen=True)
class StageIn:
    kind: str
    starts_at: datetime | None
    ends_at: datetime | None


def _clean_title(title: str, errors: dict) -> str:
    title = " ".join(clean_text(title or "").split())
    if not title:
        errors["title"] = [_("Give the contest a title.")]
    elif len(title) > MAX_TITLE:
        errors["title"] = [
            _("The title is too long: at most %(max)d characters.") % {"max": MAX_TITLE}
        ]
    return title


def _money_errors(terms: Terms, errors: dict) -> None:
    if terms.budget is None or terms.budget <= 0:
        errors["budget"] = [_("The budget must be a positive sum of money.")]
    cap = terms.subsidy_cap
    if cap is not None:
        if cap <= 0:
            errors["subsidy_cap"] = [_("The subsidy cap must be a positive sum of money.")]
        elif terms.budget is not None and terms.budget > 0 and cap > terms.budget:
            errors["subsidy_cap"] = [_("The subsidy cap cannot exceed the contest's budget.")]


def _share_errors(shares: Mapping[str, Decimal], errors: dict) -> None:
    for source, share in shares.items():
        if not Decimal(0) <= share <= Decimal(100):
            errors[share_field(source)] = [
                _("The minimum share «%(source)s» must be between 0 and 100 %%.")
                % {"source": SOURCE_LABELS[source]}
            ]
    if not any(share_field(s) in errors for s in SOURCES) and sum(shares.values()) > 100:
        errors[share_field(SOURCES[0])] = [
            _("The minimum shares add up to %(total)s %%: together they may not exceed 100 %%.")
            % {"total": sum(shares.values())}
        ]


def _applicant_errors(terms: Terms, errors: dict) -> None:
    regional = terms.municipality is None
    if not (terms.accepts_groups or terms.accepts_municipalities or terms.accepts_individuals):
        errors["accepts_groups"] = [_("Choose who may apply: at least one kind of applicant.")]
    if terms.accepts_municipalities and not regional:
        errors["accepts_municipalities"] = [_("Municipalities apply only to a regional contest.")]
    quota = terms.quota_per_municipality
    if quota is not None:
        if not regional:
            errors["quota_per_municipality"] = [
                _("A quota of applications per municipality belongs to a regional contest only.")
            ]
        elif quota < 1:
            errors["quota_per_municipality"] = [_("The quota must be at least one application.")]


def check_terms(terms: Terms) -> tuple[str, str, dict[str, Decimal]]:
    """The contest's title and rules cleaned and its shares read; a ValidationError names every
    field that is wrong."""
    errors: dict[str, list[str]] = {}
    title = _clean_title(terms.title, errors)
    rules_html = sanitize_html(clean_text(terms.rules or "").strip())
    if len(rules_html) > MAX_RULES:
        errors["rules"] = [
            _("The text is too long: at most %(max)d characters.") % {"max": MAX_RULES}
        ]
    _money_errors(terms, errors)
    shares = {s: (terms.min_shares or {}).get(s) or Decimal(0) for s in SOURCES}
    _share_errors(shares, errors)
    _applicant_errors(terms, errors)
    if errors:
        raise ValidationError(errors)
    return title, rules_html, shares


def _apply_terms(contest: Contest, terms: Terms, title: str, rules_html: str, shares) -> None:
    contest.title, contest.rules, contest.municipality = title, rules_html, terms.municipality
    contest.budget, contest.subsidy_cap = terms.budget, terms.subsidy_cap
    for source, share in shares.items():
        setattr(contest, share_field(source), share)
    contest.quota_per_municipality = terms.quota_per_municipality
    contest.accepts_groups = terms.accepts_groups
    contest.accepts_municipalities = terms.accepts_municipalities
    contest.accepts_individuals = terms.accepts_individuals


def contest_create(*, user, terms: Terms) -> Contest:
    """Start a contest (a draft) in a municipality, or with None a regional one; `user` becomes
    its organizer."""
    contest = Contest(municipality=terms.municipality, organizer=user)
    require(user, "budgeting.manage_contest", contest, not_organizer())
    title, rules_html, shares = check_terms(terms)
    with transaction.atomic():
        _apply_terms(contest, terms, title, rules_html, shares)
        contest.full_clean()
        contest.save()
        contest_changed(contest, user=user, action="create")
    return contest


def contest_update(*, user, contest: Contest, terms: Terms) -> Contest:
    """Change a contest's terms while it is a draft or has not started. Its territory decides
    who organizes it, so the new territory must be the user's too."""
    title, rules_html, shares = check_terms(terms)
    with transaction.atomic():
        contest = lock_contest(contest)
        require(user, "budgeting.manage_contest", contest, not_organizer())
        _require_not_started(user, contest)
        if not user.has_perm("budgeting.manage_contest", Contest(municipality=terms.municipality)):
            raise PermissionDenied(not_organizer())
        _apply_terms(contest, terms, title, rules_html, shares)
        contest.full_clean()
        contest.save()
        contest_changed(contest, user=user, action="update")
    return contest


def _require_not_started(user, contest: Contest) -> None:
    if not user.has_perm("budgeting.change_contest", contest):
        raise ValidationError(
            _("The contest has begun: its terms and stages can no longer change."),
            code="started",
        )


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def stage_field(kind: str, part: str) -> str:
    """The name a stage's error is given under (`stage-<kind>-start`), as the form names it."""
    return f"stage-{kind}-{part}"


def stage_errors(wanted: Sequence[StageIn]) -> dict[str, list[str]]:
    """What is wrong with the stages, by field: a kind the platform offers, each once, both
    dates, the end after the start, each stage starting no earlier than the previous ends."""
    errors: dict[str, list[str]] = {}
    if not wanted:
        return {"stages": [_("Choose the contest's stages: at least the applications stage.")]}
    seen: set[str] = set()
    previous: StageIn | None = None
    for stage in wanted:
        label = stage_registry.stage_label(stage.kind)
        if stage_registry.stage_kind(stage.kind) is None:
            errors["stages"] = [
                _("The platform offers no stage «%(kind)s».") % {"kind": stage.kind}
            ]
            continue
        if stage.kind in seen:
            errors[stage_field(stage.kind, "order")] = [
                _("The stage «%(stage)s» is chosen twice.") % {"stage": label}
            ]
        seen.add(stage.kind)
        if stage.starts_at is None:
            errors[stage_field(stage.kind, "start")] = [
                _("Give the start of the stage «%(stage)s».") % {"stage": label}
            ]
        if stage.ends_at is None:
            errors[stage_field(stage.kind, "end")] = [
                _("Give the end of the stage «%(stage)s».") % {"stage": label}
            ]
        if stage.starts_at and stage.ends_at and stage.ends_at <= stage.starts_at:
            errors[stage_field(stage.kind, "end")] = [
                _("The stage «%(stage)s» must end after it starts.") % {"stage": label}
            ]
        if previous and previous.ends_at and stage.starts_at and stage.starts_at < previous.ends_at:
            errors.setdefault(stage_field(stage.kind, "start"), []).append(
                _(
                    "The stage «%(stage)s» must start no earlier than the stage «%(before)s» "
                    "ends: the stages follow each other without overlapping."
                )
                % {"stage": label, "before": stage_registry.stage_label(previous.kind)}
            )
        previous = stage
    if stage_registry.APPLICATIONS not in seen and "stages" not in errors:
        errors["stages"] = [_("A contest needs the applications stage.")]
    return errors


def contest_set_stages(*, user, contest: Contest, stages: Sequence[StageIn]) -> list[ContestStage]:
    """Replace the contest's stages by `stages`, in that order. Refused once the contest has
    begun: residents plan by the published calendar."""
    wanted = [StageIn(s.kind, _aware(s.starts_at), _aware(s.ends_at)) for s in stages]
    errors = stage_errors(wanted)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        contest = lock_contest(contest)
        require(user, "budgeting.manage_contest", contest, not_organizer())
        _require_not_started(user, contest)
        contest.stages.all().delete()
        rows = [
            ContestStage(
                contest=contest,
                kind=stage.kind,
                position=position,
                starts_at=stage.starts_at,
                ends_at=stage.ends_at,
            )
            for position, stage in enumerate(wanted, start=1)
        ]
        for row in rows:
            row.full_clean(exclude=["contest"])
        ContestStage.objects.bulk_create(rows)
        contest.save(update_fields=["updated_at"])
        contest_changed(
            contest, user=user, action="stages", details={"stages": [s.kind for s in wanted]}
        )
    return rows


def publish_errors(contest: Contest) -> list[str]:
    """What keeps a contest from being published, in words (checked again under the lock)."""
    problems = []
    kinds = {stage.kind for stage in contest.stages.all()}
    if stage_registry.APPLICATIONS not in kinds:
        problems.append(_("Set the contest's stages: at least the applications stage."))
    elif contest.starts_at and contest.starts_at <= timezone.now():
        problems.append(_("The first stage has already begun: move the stages to the future."))
    problems.extend(template_errors(contest))
    return problems


def contest_publish(*, user, contest: Contest) -> Contest:
    """Publish a draft: residents see it from now on. Refused with every reason why not."""
    with transaction.atomic():
        contest = lock_contest(contest)
        require(user, "budgeting.manage_contest", contest, not_organizer())
        if contest.is_published:
            raise ValidationError(_("The contest is already published."), code="published")
        problems = publish_errors(contest)
        if problems:
            raise ValidationError(problems, code="incomplete")
        publish_draft(contest, user)  # the template is published with the contest
        contest.status, contest.published_at = Contest.Status.PUBLISHED, timezone.now()
        contest.full_clean()
        contest.save(update_fields=["status", "published_at", "updated_at"])
        contest_changed(contest, user=user, action="publish")
    return contest


def contest_add_document(
    *, user, contest: Contest, title: str, file: UploadedFile
) -> ContestDocument:
    """Attach a document (PDF, JPEG or PNG, cleaned by veche.media before the transaction)."""
    require(user, "budgeting.manage_contest", contest, not_organizer())
    title = " ".join(clean_text(title or "").split())
    errors = {}
    if not title:
        errors["title"] = [_("Name the document.")]
    elif len(title) > MAX_DOCUMENT_TITLE:
        errors["title"] = [
            _("The title is too long: at most %(max)d characters.") % {"max": MAX_DOCUMENT_TITLE}
        ]
    if file is None:
        errors["file"] = [_("Choose the file.")]
    if errors:
        raise ValidationError(errors)
    try:
        processed = process_document(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    with transaction.atomic():
        contest = lock_contest(contest)
        require(user, "budgeting.manage_contest", contest, not_organizer())
        if contest.documents.count() >= MAX_DOCUMENTS:
            raise ValidationError(
                {"file": [_("A contest keeps at most %(max)d documents.") % {"max": MAX_DOCUMENTS}]}
            )
        document = ContestDocument(
            contest=contest,
            title=title,
            content_type=processed.content_type,
            size=processed.size,
            uploaded_by=user,
        )
        document.file.save(processed.file.name, processed.file, save=False)
        try:
            document.full_clean()
            document.save()
            contest_changed(contest, user=user, action="document_add", details={"title": title})
        except BaseException:
            document.file.storage.delete(document.file.name)  # the row is not kept: nor its file
            raise
    return document


def contest_remove_document(*, user, document: ContestDocument) -> None:
    """Remove a document; its file is deleted after the commit."""
    with transaction.atomic():
        contest = lock_contest(document.contest)
        require(user, "budgeting.manage_contest", contest, not_organizer())
        name, storage = document.file.name, document.file.storage
        title = document.title
        document.delete()
        contest_changed(contest, user=user, action="document_remove", details={"title": title})
        transaction.on_commit(lambda: storage.delete(name))
