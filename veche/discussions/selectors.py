"""Reads of discussions, each page in a constant number of queries (tests/test_queries.py)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from veche.comments.models import Comment
from veche.comments.selectors import comment_counts

from .commenting import DRAFT_KIND, SECTION_KIND
from .models import Draft, DraftComment, DraftVersion, Outcome, Phase, Section, SectionVersion

PUBLISHED = Comment.Status.PUBLISHED


def draft_list(*, phase: str, municipality=None) -> QuerySet[Draft]:
    now = timezone.now()
    drafts = Draft.objects.filter(status=Draft.Status.PUBLISHED).select_related(
        "municipality", "agency"
    )
    if phase == Phase.OPEN:
        drafts = drafts.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at", "pk")
    elif phase == Phase.UPCOMING:
        drafts = drafts.filter(opens_at__gt=now).order_by("opens_at", "pk")
    else:
        drafts = drafts.filter(closes_at__lte=now).order_by("-closes_at", "-pk")
    if municipality is not None:
        drafts = drafts.filter(Q(municipality=municipality) | Q(municipality__isnull=True))
    return drafts


def draft_comments(draft: Draft) -> QuerySet[Comment]:
    """Every comment on the draft: on the whole of it and on its sections (replies included)."""
    return Comment.objects.filter(
        Q(target_kind=DRAFT_KIND, target_id=draft.pk)
        | Q(
            target_kind=SECTION_KIND, target_id__in=Section.objects.filter(draft=draft).values("pk")
        )
    )


def comment_totals(drafts) -> dict[int, int]:
    """Published comments per draft, for a page of drafts: two queries."""
    ids = [d.pk for d in drafts]
    totals = Counter(comment_counts(DRAFT_KIND, ids))
    section_of = dict(Section.objects.filter(draft_id__in=ids).values_list("pk", "draft_id"))
    for section_id, n in comment_counts(SECTION_KIND, section_of).items():
        totals[section_of[section_id]] += n
    return dict(totals)


def organizer_drafts(user) -> list[Draft]:
    """The drafts this organizer may run (a handful per organizer: the rule filters them)."""
    drafts = Draft.objects.select_related("municipality", "agency").order_by("-created_at", "-pk")
    return [d for d in drafts[:500] if user.has_perm("discussions.change_draft", d)]


@dataclass
class SectionView:
    section: Section
    wording: SectionVersion | None
    comment_count: int = 0
    passages: list[str] = field(default_factory=list)  # the quoted passages, each once
    proposal_count: int = 0

    @property
    def html(self) -> str:
        from .text import highlight

        html = self.wording.html if self.wording else ""
        return highlight(html, self.passages)


@dataclass
class DraftPage:
    draft: Draft
    sections: list[SectionView]
    removed: list[SectionView]
    versions: list[DraftVersion]
    draft_comment_count: int
    files: list = field(default_factory=list)

    @property
    def comment_count(self) -> int:
        return self.draft_comment_count + sum(s.comment_count for s in self.sections + self.removed)


def draft_page(draft: Draft) -> DraftPage:
    """The draft's current text by section with comment counts, proposal counts and quoted
    passages: seven queries whatever the number of sections and comments."""
    sections = list(Section.objects.filter(draft=draft).order_by("position", "pk"))
    wordings = {
        w.section_id: w
        for w in SectionVersion.objects.filter(section__draft=draft, version=draft.current_version)
    }
    counts = comment_counts(SECTION_KIND, [s.pk for s in sections])
    public = DraftComment.objects.filter(
        draft=draft, section__isnull=False, comment__status=PUBLISHED, comment__parent__isnull=True
    ).order_by()
    # Counted and deduplicated by the database: a page of 1,000 comments builds no row objects.
    proposals = dict(
        public.filter(is_proposal=True)
        .values("section_id")
        .annotate(n=Count("pk"))
        .values_list("section_id", "n")
    )
    passages: dict[int, list[str]] = defaultdict(list)
    for section_id, passage in (
        public.exclude(passage="").values_list("section_id", "passage").distinct()
    ):
        passages[section_id].append(passage)
    views = [
        SectionView(
            s, wordings.get(s.pk), counts.get(s.pk, 0), passages[s.pk], proposals.get(s.pk, 0)
        )
        for s in sections
    ]
    return DraftPage(
        draft=draft,
        sections=[v for v in views if not v.section.is_removed],
        removed=[v for v in views if v.section.is_removed],
        versions=list(draft.versions.all()),
        draft_comment_count=comment_counts(DRAFT_KIND, [draft.pk]).get(draft.pk, 0),
        files=list(draft.files.all()),
    )


def section_wordings(section: Section) -> list[SectionVersion]:
    return list(section.versions.order_by("version"))


def section_passages(section: Section) -> list[DraftComment]:
    """Published comments on a passage or proposals of the section, with their authors."""
    return list(
        DraftComment.objects.filter(section=section, comment__status=PUBLISHED)
        .filter(Q(is_proposal=True) | ~Q(passage=""))
        .select_related("comment__author")
        .order_by("pk")
    )


@dataclass
class SectionChange:
    section: Section
    old: SectionVersion | None
    new: SectionVersion | None

    @property
    def kind(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        if self.old.text == self.new.text and self.old.heading == self.new.heading:
            return "same"
        return "changed"

    @property
    def diff(self) -> str:
        from .text import diff_html

        return diff_html(self.old.text if self.old else "", self.new.text if self.new else "")


def version_changes(draft: Draft, number: int) -> list[SectionChange]:
    """Each section's wording in version `number - 1` and `number` (two queries)."""
    rows = SectionVersion.objects.filter(
        section__draft=draft, version__in=[number - 1, number]
    ).select_related("section")
    old, new, sections = {}, {}, {}
    for row in rows:
        (new if row.version == number else old)[row.section_id] = row
        sections[row.section_id] = row.section
    changes = [SectionChange(sections[pk], old.get(pk), new.get(pk)) for pk in sections]
    return sorted(changes, key=lambda c: (c.new or c.old).position)


@dataclass
class Report:
    draft: Draft
    proposals: list[DraftComment]
    outcomes: dict[str, int]
    unanswered: int
    participants: int
    comments: int

    @property
    def ratings(self) -> int:
        return self.draft.rating_count


def report(draft: Draft) -> Report:
    """Every public proposal with its answer, counts by outcome, participants and comments."""
    proposals = list(
        DraftComment.objects.filter(draft=draft, is_proposal=True, comment__status=PUBLISHED)
        .select_related("comment__author", "section")
        .order_by("section__position", "pk")
    )
    outcomes = Counter(p.outcome for p in proposals if p.outcome)
    published = draft_comments(draft).filter(status=PUBLISHED)
    commenters = set(published.values_list("author_id", flat=True))
    raters = set(draft.ratings.filter(user__isnull=False).values_list("user_id", flat=True))
    return Report(
        draft=draft,
        proposals=proposals,
        outcomes={o: outcomes.get(o, 0) for o in Outcome.values},
        unanswered=sum(1 for p in proposals if not p.outcome),
        participants=len(commenters | raters),
        comments=published.count(),
    )


def rated_draft_ids(user, drafts) -> set[int]:
    if not user.is_authenticated:
        return set()
    from .models import Rating

    return set(
        Rating.objects.filter(user=user, draft__in=list(drafts)).values_list("draft_id", flat=True)
    )


def has_proposals(draft: Draft) -> bool:
    return DraftComment.objects.filter(
        Exists(Comment.objects.filter(pk=OuterRef("comment_id"), status=PUBLISHED)),
        draft=draft,
        is_proposal=True,
    ).exists()


def my_proposals(user) -> QuerySet[DraftComment]:
    """The resident's proposals, newest first (pending ones included: they are his own);
    removed ones left out."""
    return (
        DraftComment.objects.filter(comment__author=user, is_proposal=True)
        .exclude(comment__status=Comment.Status.REMOVED)
        .select_related("draft", "section", "comment")
        .order_by("-pk")
    )


def rating_total(*, municipality_id: int | None = None) -> int:
    """Residents' ratings of published drafts (support, neutral, oppose): the sum of their
    counters (analytics reads it; one query)."""
    drafts = Draft.objects.filter(status=Draft.Status.PUBLISHED)
    if municipality_id is not None:
        drafts = drafts.filter(municipality_id=municipality_id)
    totals = drafts.aggregate(
        support=Sum("support_count", default=0),
        neutral=Sum("neutral_count", default=0),
        oppose=Sum("oppose_count", default=0),
    )
    return sum(totals.values())
