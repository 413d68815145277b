"""A rating's comment as a kind of the shared comments (veche/comments): its target is the
rating, only the rating's author writes it, once (the rating service posts it; `Rating.comment`
is one-to-one), and the shared queue's moderators of the object's municipality decide it."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from veche.comments.kinds import CommentableKind

from .models import Rating
from .services.residents import RATING_KIND


def _can_comment(user, rating: Rating) -> str | None:
    if rating.user_id != user.pk:
        return _("Only the author of a rating comments on it, with the rating.")
    if rating.comment_id is not None:
        return _("A rating has one comment: rate again to replace it.")
    return None


def _title(rating: Rating) -> str:
    return _("Rating %(score)s/5 of «%(name)s»") % {
        "score": rating.score,
        "name": rating.facility.name,
    }


def rating_kind() -> CommentableKind:
    return CommentableKind(
        kind=RATING_KIND,
        model=Rating,
        moderation="pre",
        can_comment=_can_comment,
        author_of=lambda rating: None,  # the rating's author writes the comment himself
        title_of=_title,
        territory_of=lambda rating: rating.facility.municipality_id,
        label=gettext_lazy("comment of an object rating"),
        rows=lambda: Rating.objects.select_related("facility"),
    )
