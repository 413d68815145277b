"""A resident's part: a comment on the whole draft, a section or a passage of it (perhaps a
proposal with suggested wording), written through the shared comments; and his rating of the
draft. Each in one transaction; the comment's event is the shared comments' own
(`comments.posted`), a rating records `discussions.rated`."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.comments.models import Comment
from veche.comments.services import comment_post
from veche.core.text import clean_text

from ..commenting import DRAFT_KIND, SECTION_KIND, closed_refusal
from ..events import draft_event
from ..models import Draft, DraftComment, Rating, Section
from ..text import normalized, passage_in
from ._common import lock, require

MAX_PASSAGE = 2000
MAX_WORDING = 2000


@dataclass(frozen=True)
class Posted:
    comment: Comment
    note: DraftComment
    passage_found: bool  # False: a passage was given but not found, the comment went to the section


def draft_comment(
    *,
    author,
    draft: Draft,
    text: str,
    section: Section | None = None,
    passage: str = "",
    is_proposal: bool = False,
    wording: str = "",
    parent_id: int | None = None,
) -> Posted:
    """Comment on the draft (no section), a section, or a passage of a section. A passage not
    found in the section's current text is dropped and the comment attaches to the section."""
    passage = normalized(clean_text(passage or ""))
    wording = clean_text(wording or "").strip()
    if section is not None and section.draft_id != draft.pk:
        raise ValidationError({"section": [_("Choose a section of this draft.")]})
    if passage and section is None:
        raise ValidationError({"section": [_("Choose the section the passage comes from.")]})
    if len(passage) > MAX_PASSAGE or len(wording) > MAX_WORDING:
        raise ValidationError(
            {
                "passage": [
                    _("A passage or wording is at most %(max)d characters.") % {"max": MAX_PASSAGE}
                ]
            }
        )
    if is_proposal and not wording:
        raise ValidationError({"wording": [_("Write the wording you propose.")]})
    found = True
    if passage:
        current = section.versions.filter(version=draft.current_version).first()
        found = current is not None and passage_in(passage, current.html)
        if not found:
            passage = ""
    with transaction.atomic():
        locked = lock(draft)
        refusal = closed_refusal(locked)
        require(
            author,
            "discussions.comment_draft",
            locked,
            refusal or _("Comments are not possible here."),
        )
        kind, target = (SECTION_KIND, section.pk) if section is not None else (DRAFT_KIND, draft.pk)
        comment = comment_post(
            author=author, kind=kind, target_id=target, text=text, parent_id=parent_id
        )
        note = DraftComment(
            comment=comment,
            draft=locked,
            section=section,
            version=locked.current_version,
            passage=passage,
            is_proposal=is_proposal and parent_id is None,
            wording=wording if is_proposal and parent_id is None else "",
        )
        note.full_clean()
        note.save()
    return Posted(comment, note, found)


def draft_rate(*, user, draft: Draft, value: str) -> Rating:
    """Support, neutral or oppose: one rating per person, changeable while the discussion is
    open. The draft's counters change in the same transaction, under its row lock."""
    if value not in Rating.Value.values:
        raise ValidationError({"value": [_("Choose support, neutral or oppose.")]})
    with transaction.atomic():
        draft = lock(draft)
        require(
            user,
            "discussions.rate_draft",
            draft,
            closed_refusal(draft) or _("Only residents with a confirmed e-mail rate drafts."),
        )
        rating = Rating.objects.select_for_update().filter(draft=draft, user=user).first()
        if rating is not None and rating.value == value:
            return rating
        updates = {f"{value}_count": F(f"{value}_count") + 1}
        if rating is None:
            rating = Rating(draft=draft, user=user, value=value)
        else:
            updates[rating.counter()] = F(rating.counter()) - 1
            rating.value, rating.rated_at = value, timezone.now()
        rating.full_clean(validate_unique=False)
        rating.save()
        Draft.objects.filter(pk=draft.pk).update(**updates)
        draft_event("rated", draft, actor=user, payload={"value": value})
    return rating


def my_rating(user, draft: Draft) -> str | None:
    if not user.is_authenticated:
        return None
    return Rating.objects.filter(draft=draft, user=user).values_list("value", flat=True).first()
