"""Factories for ideas. `IdeaFactory()` is an idea awaiting moderation in its municipality;
`PublishedIdeaFactory()` a published one; `TakenIdeaFactory(agency=…)` one taken by an agency."""

import datetime

import factory
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.ideas.models import Idea, IdeaRejectionReason, Status
from veche.reports.search import stems
from veche.reports.tests.factories import CategoryFactory, administration_of
from veche.territory.tests.factories import MunicipalityFactory


class IdeaRejectionReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdeaRejectionReason
        django_get_or_create = ("code",)

    code = "not-an-idea"
    text = "Это не предложение, а жалоба"


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Велодорожка вдоль набережной {n}")
    text = "Предлагаю проложить велодорожки вдоль набережной и поставить велопарковки."
    category = factory.SubFactory(CategoryFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    status = Status.SUBMITTED
    search_stems = factory.LazyAttribute(lambda o: stems(o.title, o.text))


class PublishedIdeaFactory(IdeaFactory):
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class TakenIdeaFactory(PublishedIdeaFactory):
    status = Status.TAKEN
    agency = factory.LazyAttribute(lambda o: administration_of(o.municipality))
    planned_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
    answer = "Включим в план благоустройства."
    taken_at = factory.LazyFunction(timezone.now)


def idea_in(status: str, **fields) -> Idea:
    """A valid idea in any status: the fields each status needs are filled in."""
    later = timezone.localdate() + datetime.timedelta(days=60)
    needs = {
        Status.REJECTED: lambda: {"rejection_reason": IdeaRejectionReasonFactory()},
        Status.TAKEN: lambda: {"planned_date": later, "answer": "Да."},
        Status.IMPLEMENTED: lambda: {"planned_date": later, "final_note": "Готово."},
        Status.DECLINED: lambda: {"decline_reason": "Нет средств."},
        Status.MERGED: lambda: {"merged_into": PublishedIdeaFactory()},
    }
    extra = needs.get(status, dict)()
    if status in (Status.TAKEN, Status.IMPLEMENTED) and "agency" not in fields:
        municipality = fields.setdefault("municipality", MunicipalityFactory())
        extra["agency"] = administration_of(municipality)
    return IdeaFactory(status=status, **{**extra, **fields})


def comment_on(idea: Idea, *, author, moderator=None, text="Поддерживаю!", parent=None):
    """A comment on the idea through the shared comments' service; approved when `moderator`
    is given (ideas are pre-moderated)."""
    from veche.comments import services as comments

    comment = comments.comment_post(
        author=author,
        kind="ideas.idea",
        target_id=idea.pk,
        text=text,
        parent_id=parent.pk if parent else None,
    )
    if moderator is not None:
        comment = comments.comment_approve(moderator=moderator, comment=comment)
    return comment
