"""The kinds of stage a contest is built from, as a registry later modules extend.

The platform offers seven (SPEC §7, issue 12); a contest picks some and orders them by date
(`ContestStage`). A later issue adds its own kind (the grants contest's «virtual capital») with
`register_stage_kind(StageKind(...))` from its `AppConfig.ready()`, so nothing here changes.
What a person may do in a stage is a rule (rules.py) that compares the stage's dates with
`timezone.now()`: the calendar drives the permissions (STYLE.md, example 6).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

APPLICATIONS = "applications"
TECHNICAL_REVIEW = "technical_review"
PUBLIC_JURY = "public_jury"
PUBLIC_VOTING = "public_voting"
EXPERT_EVALUATION = "expert_evaluation"
RESULTS = "results"
IMPLEMENTATION = "implementation"


@dataclass(frozen=True)
class StageKind:
    """A kind of stage: its code (stored), its label, its place in the builder's list."""

    code: str
    label: str | Promise
    order: int


_registry: dict[str, StageKind] = {}


def register_stage_kind(kind: StageKind) -> None:
    _registry[kind.code] = kind


def unregister_stage_kind(code: str) -> None:
    _registry.pop(code, None)


def stage_kinds() -> list[StageKind]:
    """Every registered kind, in the order the builder offers them."""
    return sorted(_registry.values(), key=lambda kind: (kind.order, kind.code))


def stage_kind(code: str) -> StageKind | None:
    return _registry.get(code)


def stage_label(code: str) -> str:
    kind = _registry.get(code)
    return str(kind.label) if kind else code


for _kind in (
    StageKind(APPLICATIONS, _("applications"), 10),
    StageKind(TECHNICAL_REVIEW, _("technical review"), 20),
    StageKind(PUBLIC_JURY, _("public jury"), 30),
    StageKind(PUBLIC_VOTING, _("public voting"), 40),
    StageKind(EXPERT_EVALUATION, _("expert evaluation"), 50),
    StageKind(RESULTS, _("results"), 60),
    StageKind(IMPLEMENTATION, _("implementation"), 70),
):
    register_stage_kind(_kind)
