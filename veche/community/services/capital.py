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
from veche.core.prepared import run_prepared
from veche.events import sql as event_sql
from veche.events.services import record_event
from veche.ledger.models import Account, Currency, Kind, Transaction
from veche.ledger.services import InsufficientFunds, account_ref, open_account, post, reverse
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

    The statements: the project locked and read; the ledger's posting (which locks the giver's
    account: a freeze waits for it, and the gift for a freeze); then the gift, the project's
    counters and the event in one statement on PostgreSQL (`_record_gift`), which also refuses
    the gift of frozen capital — read under the account's lock, so the transaction rolls back."""
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
        personal = account_ref(currency=Currency.CAPITAL, kind=Kind.PERSONAL, owner=user)
        # The ledger first, under a key of the gift's own, so the gift is one INSERT with its
        # transaction (not an INSERT and an UPDATE).
        try:
            posted, _created = post(
                key=f"capital.gift:{uuid.uuid4().hex}",
                kind="capital.gift",
                memo=project.title,
                legs=[
                    (personal, -amount),
                    (
                        account_ref(currency=Currency.CAPITAL, kind=Kind.PROJECT, owner=project),
                        amount,
                    ),
                ],
            )
        except InsufficientFunds:
            raise ValidationError(
                {"amount": _("You do not have that much virtual capital.")}, code="insufficient"
            ) from None
        project.collected += amount
        if project.collected == project.goal:
            project.status = ProjectStatus.COLLECTED
        gift = _record_gift(project, user, amount, posted)
        if gift is None:
            raise PermissionDenied(_("Your virtual capital is frozen pending verification."))
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


def _record_gift(project: Project, user, amount: int, posted: Transaction) -> Gift | None:
    """Write the gift (unless the giver's capital is frozen: None, and the caller rolls back),
    the project's counters (`project` holds the new collected sum and status; one more backer
    unless he backs it already) and the event. PostgreSQL runs the three as one prepared
    statement, other databases one after another. Expects the project and the giver's account
    locked."""
    now = timezone.now()
    at = transaction.get_connection().ops.adapt_datetimefield_value(now)
    count = [project.collected, project.status, project.pk, user.pk, project.pk]
    give = [project.pk, user.pk, amount, posted.pk, at, user.pk]
    told = event_sql.values_params(
        kind="community.capital_given",
        subject_type=Project._meta.label_lower,
        subject_id=project.pk,
        actor=user,
        territory=None,
        occurred_at=at,
        payload={"amount": amount, "collected": project.collected},
    )
    counted, given, logged = _gift_sql()
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        statement = (
            f"WITH counted AS ({counted}), given AS ({given}), logged AS ({logged}) "
            "SELECT given.id, counted.backers FROM given CROSS JOIN counted"
        )
        row = run_prepared(statement, [*count, *give, *told])
    else:
        with connection.cursor() as cursor:
            cursor.execute(counted, count)
            backers = cursor.fetchone()[0]
            cursor.execute(given, give)
            row = cursor.fetchone()
            if row is not None:
                cursor.execute(logged, told)
                row = (row[0], backers)
    if row is None:
        return None
    project.backers = row[1]
    gift = Gift(
        pk=row[0], project=project, user=user, amount=amount, transaction=posted, created_at=now
    )
    gift._state.adding = False
    return gift


@lru_cache
def _gift_sql() -> tuple[str, str, str]:
    """The project's counters (parameters: collected, status, project, giver, project; returns
    the backers), the gift unless the giver's capital is frozen (project, giver, amount,
    transaction, created at, giver; returns its id) and the event (`events.sql.values_params`).
    The backers' check does not see the gift being written: the counters run first on SQLite,
    and PostgreSQL's parts of one WITH read one snapshot."""
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
        f"SELECT %s, %s, %s, %s, %s WHERE NOT EXISTS "
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
