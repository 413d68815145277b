"""Public voting on admitted applications, its results and the winners (issue 13, points 3–4).

- A contest with a public-voting stage has `VotingTerms`: the ballot style (approval, at most N,
  knapsack within the budget), the minimum and maximum of projects, who may vote, whether votes
  may be withdrawn, how winners are chosen and ties broken.
- Each admitted application on the ballot has a `VoteTally`: the item the shared supports
  mechanism counts (veche/supports), so the count is kept as votes arrive and never counted at
  read time. A `PublicVote` is one person's vote for one project (a `SupportBase` row: the unique
  constraint makes it one vote per person per project, across the web and paper).
- A `VoterBallot` is one person's ballot in one contest: how many projects he chose and what
  they cost, bounded by the database (`cap`, `budget` copied from the terms when it is made), so
  the cap holds under concurrent requests; it keeps the keyed hashes of his network and device
  for the suspicious-account signals (deleted after 90 days).
- A `VoteReceipt` is the code a voter checks on the contest page; it outlives a withdrawn vote and
  then says so.
- `VotingResult` is the computed winners with their reasoning; `ResultOverride` the organizer's
  published, written change of one decision.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veche.supports.models import SupportBase
from veche.voting.models import Channel, VotingPoint

from .application import Application
from .contest import MONEY, Contest


class BallotStyle(models.TextChoices):
    APPROVAL = "approval", _("approval: a vote for each chosen project")
    KNAPSACK = "knapsack", _("knapsack: the chosen projects' cost within the budget")


class TieRule(models.TextChoices):
    EARLIER = "earlier", _("the earlier submission")
    VOTES = "votes", _("more votes")
    DRAW = "draw", _("a public draw with a recorded seed")


class Ranking(models.TextChoices):
    VOTES = "votes", _("by the public vote")
    SCORE = "score", _("by the commission's weighted scores")


class WinnerMethod(models.TextChoices):
    GREEDY = "greedy", _("fill the budget in rank order")
    EQUAL_SHARES = "equal_shares", _("the Method of Equal Shares")


class VotingTerms(models.Model):
    contest = models.OneToOneField(
        Contest, on_delete=models.CASCADE, primary_key=True, related_name="voting_terms"
    )
    ballot_style = models.CharField(
        _("ballot style"), max_length=12, choices=BallotStyle.choices, default=BallotStyle.APPROVAL
    )
    min_choices = models.PositiveSmallIntegerField(_("minimum number of projects"), default=1)
    # None: any number of projects.
    max_choices = models.PositiveSmallIntegerField(
        _("maximum number of projects"), null=True, blank=True
    )
    verified_only = models.BooleanField(_("only verified residents vote"), default=False)
    residents_only = models.BooleanField(
        _("only residents of the contest's municipality vote"), default=False
    )
    withdrawal_allowed = models.BooleanField(
        _("votes may be withdrawn while voting is open"), default=True
    )
    # What ranks the applications: each choice is a function registered with
    # budgeting.winners.register_ranking (services/results.py; docs/budgeting.md, "Winners").
    ranking = models.CharField(
        _("ranking"), max_length=20, choices=Ranking.choices, default=Ranking.VOTES
    )
    winner_method = models.CharField(
        _("how winners are chosen"),
        max_length=20,
        choices=WinnerMethod.choices,
        default=WinnerMethod.GREEDY,
    )
    tie_rule = models.CharField(
        _("ties broken by"), max_length=10, choices=TieRule.choices, default=TieRule.EARLIER
    )

    class Meta:
        verbose_name = _("voting terms")
        verbose_name_plural = _("voting terms")
        constraints = [
            models.CheckConstraint(condition=Q(min_choices__gte=1), name="voting_min_choices_1"),
            models.CheckConstraint(
                condition=Q(max_choices__isnull=True) | Q(max_choices__gte=F("min_choices")),
                name="voting_max_ge_min",
            ),
            models.CheckConstraint(
                condition=Q(ranking="votes") | ~Q(winner_method="equal_shares"),
                name="voting_equal_shares_by_votes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contest_id} · {self.ballot_style}"

    @property
    def is_knapsack(self) -> bool:
        return self.ballot_style == BallotStyle.KNAPSACK


class VoteTally(models.Model):
    """An admitted application on the ballot, as the supports mechanism counts it."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("ballot entry", "on the ballot")
        CLOSED = "closed", pgettext_lazy("ballot entry", "off the ballot")

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, primary_key=True, related_name="vote_tally"
    )
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="tallies")
    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    cost = models.DecimalField(**MONEY)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    votes = models.PositiveIntegerField(default=0)
    paper_votes = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("project on the ballot")
        verbose_name_plural = _("projects on the ballot")
        constraints = [
            models.CheckConstraint(condition=Q(votes__gte=0), name="tally_votes_not_negative"),
            models.CheckConstraint(
                condition=Q(paper_votes__gte=0, paper_votes__lte=F("votes")),
                name="tally_paper_within_votes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} · {self.votes}"


class PublicVote(SupportBase):
    """One person's vote for one project; the unique constraint counts it once (any channel)."""

    tally = models.ForeignKey(VoteTally, on_delete=models.CASCADE, related_name="vote_rows")
    channel = models.CharField(max_length=10, choices=Channel.choices, db_default=Channel.WEB)
    voting_point = models.ForeignKey(
        VotingPoint, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["tally", "user"], name="public_vote_once"),
        ]

    def __str__(self) -> str:
        return f"{self.tally_id} · {self.user_id}"


class VoterBallot(models.Model):
    """One person's choices in one contest: the database holds the cap and the budget."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="ballots")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="budget_ballots"
    )
    votes = models.PositiveSmallIntegerField(default=0)
    spent = models.DecimalField(default=0, **MONEY)
    # Copied from the terms when the ballot is made: the CHECKs below then bound every change.
    cap = models.PositiveSmallIntegerField(null=True)
    budget = models.DecimalField(null=True, **MONEY)
    first_voted_at = models.DateTimeField()
    # HMAC-SHA256 of the network and device (settings.VOTE_SIGNAL_KEY), '' once forgotten.
    network_hash = models.CharField(max_length=64, blank=True, default="")
    device_hash = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["contest", "user"], name="voter_ballot_once"),
            models.CheckConstraint(
                condition=Q(cap__isnull=True) | Q(votes__lte=F("cap")), name="ballot_within_cap"
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(spent__lte=F("budget")),
                name="ballot_within_budget",
            ),
            models.CheckConstraint(condition=Q(spent__gte=0), name="ballot_spent_not_negative"),
        ]
        indexes = [models.Index(fields=["contest", "network_hash"], name="ballot_network")]

    def __str__(self) -> str:
        return f"{self.contest_id} · {self.user_id}"


class ParticipantCount(models.Model):
    """How many people have at least one live vote in a contest, kept as ballots move from none
    to one vote and back (services/voting.py), in shards by the voter's id so that first votes
    arriving together do not queue on one row; the results add up the shards."""

    SHARDS = 16

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="+")
    shard = models.PositiveSmallIntegerField()
    participants = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contest", "shard"], name="participant_count_once"),
            models.CheckConstraint(
                condition=Q(participants__gte=0), name="participant_count_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contest_id} · {self.shard} · {self.participants}"


class VoteReceipt(models.Model):
    """The code a voter checks; it names the contest and the state, nothing of the project."""

    code = models.CharField(max_length=16, unique=True)
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="receipts")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="budget_receipts"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    voting_point = models.ForeignKey(
        VotingPoint, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("vote receipt")
        verbose_name_plural = _("vote receipts")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "user"],
                condition=Q(withdrawn_at__isnull=True),
                name="receipt_one_live_per_vote",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class PointTally(models.Model):
    """Paper votes entered at one voting point for one contest (the results' subtotals)."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="point_tallies")
    voting_point = models.ForeignKey(VotingPoint, on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contest", "voting_point"], name="point_tally_once"),
        ]

    def __str__(self) -> str:
        return f"{self.contest_id} · {self.voting_point_id}"


class VotingResult(models.Model):
    """The winners as computed from the data, with every decision's reason (winners.py)."""

    contest = models.OneToOneField(
        Contest, on_delete=models.CASCADE, primary_key=True, related_name="voting_result"
    )
    ranking = models.CharField(max_length=20)
    method = models.CharField(max_length=20, choices=WinnerMethod.choices)
    tie_rule = models.CharField(max_length=10, choices=TieRule.choices)
    # The public draw's seed (hex), recorded so anyone can redo the draw; '' without a draw.
    seed = models.CharField(max_length=64, blank=True)
    # [{"application": id, "title", "cost", "votes", "rank", "won": bool, "reason": msgid,
    #   "params": {...}}] in rank order.
    decisions = models.JSONField(default=list)
    computed_at = models.DateTimeField()
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("voting result")
        verbose_name_plural = _("voting results")

    def __str__(self) -> str:
        return f"{self.contest_id} · {self.method}"


class ResultOverride(models.Model):
    """The organizer's change of one decision, with the reason published beside the result."""

    result = models.ForeignKey(VotingResult, on_delete=models.CASCADE, related_name="overrides")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    won = models.BooleanField()
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="override_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.result_id} · {self.application_id}"
