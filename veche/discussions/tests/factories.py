"""Factories for discussions. `draft_with(sections=…)` builds a published draft open now with
its first version, as the services shape it; `closed(draft)` moves its period into the past."""

import datetime

import factory
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.comments.models import Comment
from veche.discussions.models import Draft, DraftComment, DraftVersion, Section, SectionVersion
from veche.discussions.text import render
from veche.territory.tests.factories import MunicipalityFactory


class DraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Draft

    title = factory.Sequence(lambda n: f"Проект правил благоустройства {n}")
    summary = "Правила содержания дворов, парков и улиц."
    organizer = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    status = Draft.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    current_version = 1


SECTIONS = (
    ("Общие положения", "Настоящие правила устанавливают требования к благоустройству территории."),
    ("Содержание дворов", "Дворы убираются ежедневно. Снег вывозится в течение суток."),
    ("Парки и скверы", "Газоны косят не реже двух раз в месяц."),
)


def draft_with(sections=SECTIONS, **fields) -> Draft:
    draft = DraftFactory(**fields)
    DraftVersion.objects.create(draft=draft, number=1)
    for position, (heading, text) in enumerate(sections, start=1):
        section = Section.objects.create(draft=draft, heading=heading, position=position)
        SectionVersion.objects.create(
            section=section,
            version=1,
            position=position,
            heading=heading,
            text=text,
            html=render(text),
        )
    return draft


def closed(draft: Draft) -> Draft:
    now = timezone.now()
    Draft.objects.filter(pk=draft.pk).update(
        opens_at=now - datetime.timedelta(days=40), closes_at=now - datetime.timedelta(days=1)
    )
    draft.refresh_from_db()
    return draft


def published_comment(
    *,
    draft: Draft,
    author,
    text="Согласен.",
    section=None,
    passage="",
    is_proposal=False,
    wording="",
    status=Comment.Status.PUBLISHED,
) -> DraftComment:
    """A comment as if posted and approved (no moderation round trip)."""
    kind, target = (
        ("discussions.section", section.pk) if section else ("discussions.draft", draft.pk)
    )
    comment = Comment.objects.create(
        target_kind=kind,
        target_id=target,
        municipality_id=draft.municipality_id,
        author=author,
        text=text,
        status=status,
        published_at=timezone.now() if status != Comment.Status.PENDING else None,
    )
    return DraftComment.objects.create(
        comment=comment,
        draft=draft,
        section=section,
        passage=passage,
        is_proposal=is_proposal,
        wording=wording,
    )
