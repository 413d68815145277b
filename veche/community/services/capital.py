"""Every state change of virtual capital (docs/community.md): issuing it by the rules, giving it
to a project under the project's row lock (so a goal is never overshot however many give at
once), and returning every gift of a project that expired below its goal or was rejected."""

import uuid
from functools import lru_cache

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veche.core import rows
from veche.events import sql as event_sql
from veche.events.services import record_event
from veche.ledger.models import Account, Currency, Kind, Transaction
from veche.ledger.services import (
    InsufficientFunds,
    Then,
    account_ref,
    open_account,
    post,
    reverse,
)
from veche.staff.services import audit_log

from ..models import CapitalFreeze, CapitalRule, CapitalRuleKind, Gift, Project, ProjectStatus

STEPS = (50, 100, 200, 500)
ISSUER = ("community.capitalrule", "all")


def capital_account(user) -> Account:
    return open_account(currency=Currency.CAPITAL, kind=Kind.PERSONAL, owner=user)


def project_account(project: Project) -> Account:
    return open_account(currency=Currency.CAPITAL, kind=Kind.PROJECT, owner=project)


def issuing_account() -> Account:
    return open_account(currency=Currency.CAPITAL, kind=Kind.ISSUING, owner=ISSUER)


def capital_issue(*, today=None) -> int:
    """Give every verified resident what the active rules owe him (on verification; a seasonal
    grant once its date has come). Each grant's key is the rule and the person, so a second run
    gives nothing twice. Returns how many grants were posted."""
    today = today or timezone.localdate()
    posted = 0
    for rule in CapitalRule.objects.filter(active=True):
        if rule.kind == CapitalRuleKind.SEASONAL and rule.grant_on > today:
            continue
        prefix = f"capital.rule:{rule.pk}:"
        done = set(Transaction.objects.filter(key__startswith=prefix).values_list("key", flat=True))
        verified = get_user_model().objects.filter(is_active=True, verified_at__isnull=False)
        for user in verified.only("pk").iterator():
            key = f"{prefix}{user.pk}"
            if key in done:
                continue
            with transaction.atomic():
                _transaction, created = post(
                    key=key,
                    kind="capital.issue",
                    memo=rule.label,
                    legs=[(issuing_account(), -rule.amount), (capital_account(user), rule.amount)],
                )
            posted += created
    return posted


def capital_give(*, user, project: Project, amount) -> Gift:
    """Give `amount` of the resident's capital to the project: a positive whole number, within
    his balance and what the project still needs, while it collects, unless his capital is
    frozen. The gift's `project` is the locked row with its new counters; `giver_balance` is the
    giver's balance after it.

    The statements: the project locked and read; then the ledger's posting (which locks the
    giver's account: a freeze waits for it, and the gift for a freeze), the gift, the project's
    counters and the event — on PostgreSQL all in the posting's one statement (`ledger.Then`),
    elsewhere one after another. The gift's row is not written when the giver's capital is
    frozen (read under his account's lock), and the transaction rolls back."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 1:
        raise ValidationError({"amount": _("Give a positive whole amount.")}, code="amount")
    with transaction.atomic():
        project = _locked_project(project.pk)
        if not user.has_perm("community.give_capital", project):
            raise PermissionDenied(
                _("You cannot back your own project.")
                if project.owner_id == user.pk
                else _("Only verified residents give virtual capital.")
            )
        _require_collecting(project)
        left = project.goal - project.collected
        if amount > left:
            raise ValidationError(
                {"amount": _("The project needs only %(left)s more.") % {"left": left}},
                code="over_goal",
            )
        project.collected += amount
        if project.collected == project.goal:
            project.status = ProjectStatus.COLLECTED
        personal = account_ref(currency=Currency.CAPITAL, kind=Kind.PERSONAL, owner=user)
        collected = account_ref(currency=Currency.CAPITAL, kind=Kind.PROJECT, owner=project)
        writes = _GiftWrites(project, user, amount)
        try:
            posted, _created = post(
                # A key of the gift's own: the gift is one INSERT with its transaction.
                key=f"capital.gift:{uuid.uuid4().hex}",
                kind="capital.gift",
                memo=project.title,
                legs=[(personal, -amount), (collected, amount)],
                then=writes.then(),
            )
        except InsufficientFunds:
            raise ValidationError(
                {"amount": _("You do not have that much virtual capital.")}, code="insufficient"
            ) from None
        row = writes.done(posted)
        if row is None:
            raise PermissionDenied(_("Your virtual capital is frozen pending verification."))
        gift_id, project.backers = row
        gift = Gift(
            pk=gift_id,
            project=project,
            user=user,
            amount=amount,
            transaction=posted,
            created_at=writes.now,
        )
        gift._state.adding = False
        gift.giver_balance = personal.balance  # read under his lock by the posting
        return gift


# The project's columns a gift reads under its lock.
LOCKED = ("id", "title", "owner_id", "goal", "deadline", "status", "collected", "backers")


def _locked_project(pk: int) -> Project:
    """The project's row under its lock, with the columns of LOCKED (the rest deferred)."""
    found = rows.read(Project, "t.id = %s", [pk], only=LOCKED, lock=True)
    if not found:
        raise Project.DoesNotExist("Project matching query does not exist.")
    return found[0]


class _GiftWrites:
    """A gift's writes beside the ledger's: the project's counters (`project` holds the new
    collected sum and status; one more backer unless he backs it already), the gift's row
    unless the giver's capital is frozen, and the event. Expects the project locked; the
    giver's account is locked by the posting they follow."""

    def __init__(self, project: Project, user, amount: int):
        self.in_one = transaction.get_connection().vendor == "postgresql"
        self.now = timezone.now()
        at = transaction.get_connection().ops.adapt_datetimefield_value(self.now)
        self.count = [project.collected, project.status, project.pk, user.pk, project.pk]
        self.give = [project.pk, user.pk, amount, at]
        self.user_id = user.pk
        self.told = event_sql.values_params(
            kind="community.capital_given",
            subject_type=Project._meta.label_lower,
            subject_id=project.pk,
            actor=user,
            territory=None,
            occurred_at=at,
            payload={"amount": amount, "collected": project.collected},
        )

    def then(self) -> Then | None:
        """On PostgreSQL, the three as parts of the posting's statement; its row: the gift's id
        and the project's backers. Only the gift's row reads `posted`: a gift whose posting is
        refused raises, and its transaction rolls back the counters and the event (its key is
        new, so it was never posted before). Elsewhere None: `done` writes them."""
        if not self.in_one:
            return None
        counted, given, logged = _gift_sql("posted")
        return Then(
            parts=f"counted AS ({counted}), given AS ({given}), logged AS ({logged}), "
            "gift AS (SELECT given.id, counted.backers FROM given CROSS JOIN counted)",
            params=[*self.count, *self.give, self.user_id, *self.told],
            result="gift",
        )

    def done(self, posted: Transaction) -> tuple[int, int] | None:
        """After the posting: the gift's id and the project's backers, or None when the capital
        is frozen (the caller rolls back). On PostgreSQL the posting's statement wrote them;
        elsewhere the three are written here, one after another."""
        if self.in_one:
            return posted.then_row
        counted, given, logged = _gift_sql("(SELECT %s AS id) AS posted")
        with transaction.get_connection().cursor() as cursor:
            cursor.execute(counted, self.count)
            backers = cursor.fetchone()[0]
            cursor.execute(given, [*self.give, posted.pk, self.user_id])
            row = cursor.fetchone()
            if row is None:
                return None
            cursor.execute(logged, self.told)
        return row[0], backers


@lru_cache
def _gift_sql(posted: str) -> tuple[str, str, str]:
    """The project's counters (parameters: collected, status, project, giver, project; returns
    the backers), the gift with the id of `posted`'s transaction unless the giver's capital is
    frozen (project, giver, amount, created at, then those of `posted`, then the giver; returns
    its id) and the event (`events.sql.values_params`). The backers' check does not see the
    gift being written: the counters run first in steps, and PostgreSQL's parts of one WITH
    read one snapshot."""
    q = transaction.get_connection().ops.quote_name
    projects, gifts = q(Project._meta.db_table), q(Gift._meta.db_table)
    freezes = q(CapitalFreeze._meta.db_table)
    counted = (
        f"UPDATE {projects} SET collected = %s, status = %s, backers = backers + CASE WHEN EXISTS "
        f"(SELECT 1 FROM {gifts} WHERE project_id = %s AND user_id = %s AND returned_at IS NULL) "
        "THEN 0 ELSE 1 END WHERE id = %s RETURNING backers"
    )
    given = (
        f"INSERT INTO {gifts} (project_id, user_id, amount, transaction_id, created_at) "
        f"SELECT %s, %s, %s, posted.id, %s FROM {posted} WHERE NOT EXISTS "
        f"(SELECT 1 FROM {freezes} WHERE user_id = %s AND lifted_at IS NULL) RETURNING id"
    )
    return counted, given, event_sql.insert_values()


def _require_collecting(project: Project) -> None:
    if project.status == ProjectStatus.FROZEN:
        raise ValidationError(_("This project is frozen pending a check."), code="frozen")
    if project.status != ProjectStatus.OPEN or project.deadline < timezone.localdate():
        raise ValidationError(_("This project no longer collects capital."), code="closed")


def project_reject(*, moderator, project: Project, reason: str = "") -> Project:
    """A moderator rejects the project: every backer's capital comes back. Audited."""
    if not moderator.has_perm("community.reject_project", project):
        raise PermissionDenied(_("Only a moderator rejects a project."))
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        if project.status in (ProjectStatus.REJECTED, ProjectStatus.RETURNED):
            raise ValidationError(_("This project's capital was already returned."), code="done")
        returned = _return_gifts(project, status=ProjectStatus.REJECTED)
        audit_log(
            actor=moderator,
            action="community.project_reject",
            target=project,
            details={"reason": reason[:200], "returned": returned},
        )
        record_event(
            kind="community.project_rejected",
            subject=project,
            actor=moderator,
            payload={"returned": returned},
        )
        return project


def projects_close_expired(*, today=None) -> int:
    """Projects past their deadline below their goal return every gift (the periodic job)."""
    today = today or timezone.localdate()
    closed = 0
    expired = Project.objects.filter(status=ProjectStatus.OPEN, deadline__lt=today)
    for pk in expired.values_list("pk", flat=True):
        with transaction.atomic():
            project = Project.objects.select_for_update().get(pk=pk)
            if project.status != ProjectStatus.OPEN:
                continue
            returned = _return_gifts(project, status=ProjectStatus.RETURNED)
            record_event(
                kind="community.project_expired",
                subject=project,
                payload={"returned": returned},
            )
            closed += 1
    return closed


def _return_gifts(project: Project, *, status: str) -> int:
    """Reverse every gift not yet returned. Expects the project locked."""
    now = timezone.now()
    gifts = project.gifts.filter(returned_at__isnull=True).select_related("transaction")
    returned = 0
    for gift in gifts:
        reverse(original=gift.transaction, key=f"capital.return:{gift.pk}", kind="capital.return")
        gift.returned_at = now
        gift.save(update_fields=["returned_at"])
        returned += gift.amount
    project.status = status
    project.collected = 0
    project.backers = 0
    project.save(update_fields=["status", "collected", "backers"])
    return returned


def owner_projects_close(user) -> int:
    """An account being deleted: its projects still collecting return every gift and close."""
    closed = 0
    with transaction.atomic():
        for project in Project.objects.select_for_update().filter(
            owner=user, status=ProjectStatus.OPEN
        ):
            _return_gifts(project, status=ProjectStatus.RETURNED)
            closed += 1
    return closed
