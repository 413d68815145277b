"""Drafts and their sections are discussed with the shared comments (veche.comments), as two
kinds: "discussions.draft" (a comment on the whole draft) and "discussions.section" (on one
section, perhaps on a passage of it). Both are pre-moderated (SPEC §1). Comments are open while
the draft is published and its period runs; a removed section takes no new comment."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from veche.comments.kinds import CommentableKind

from .models import Draft, DraftComment, Phase, Section

DRAFT_KIND = "discussions.draft"
SECTION_KIND = "discussions.section"


def closed_refusal(draft: Draft) -> str | None:
    """None while the draft takes comments, else why not (in the reader's language)."""
    if not draft.is_published:
        return _("The draft is not published yet.")
    phase = draft.phase_at(timezone.now())
    if phase == Phase.UPCOMING:
        return _("The discussion has not opened yet.")
    if phase == Phase.CLOSED:
        return _("The discussion is closed: comments are no longer accepted.")
    return None


def section_refusal(user, section: Section) -> str | None:
    if section.is_removed:
        return _("This section was removed in version %(number)s.") % {"number": section.removed_in}
    return closed_refusal(section.draft)


def draft_kind() -> CommentableKind:
    return CommentableKind(
        kind=DRAFT_KIND,
        model=Draft,
        moderation="pre",
        can_view=lambda user, draft: user.has_perm("discussions.view_draft", draft),
        can_comment=lambda user, draft: closed_refusal(draft),
        author_of=lambda draft: None,
        url_of=lambda draft: reverse("discussions:detail", args=[draft.pk]),
        title_of=lambda draft: draft.title,
        territory_of=lambda draft: draft.municipality_id,
        label=gettext_lazy("Draft under discussion"),
    )


def section_kind() -> CommentableKind:
    return CommentableKind(
        kind=SECTION_KIND,
        model=Section,
        moderation="pre",
        can_view=lambda user, section: user.has_perm("discussions.view_draft", section.draft),
        can_comment=section_refusal,
        author_of=lambda section: None,
        url_of=lambda section: reverse("discussions:section", args=[section.draft_id, section.pk]),
        title_of=lambda section: f"{section.draft.title}: {section.heading}",
        territory_of=lambda section: section.draft.municipality_id,
        label=gettext_lazy("Section of a draft"),
        quotes_of=passages_quoted,
    )


def passages_quoted(comment_ids: list[int]) -> dict[int, str]:
    """The passage each of these comments quotes from its section (the thread shows it)."""
    notes = DraftComment.objects.filter(comment_id__in=comment_ids).exclude(passage="")
    return dict(notes.values_list("comment_id", "passage"))
