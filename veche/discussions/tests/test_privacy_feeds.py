"""Personal data (export, deletion) and the feeds."""

import feedparser
from django.urls import reverse

from veche.accounts.services import account_delete
from veche.accounts.tests.factories import DEMO_PASSWORD
from veche.comments.models import Comment, RemovalReason
from veche.comments.services import comment_remove
from veche.discussions import services
from veche.discussions.models import DraftComment, Rating
from veche.discussions.privacy import export_section

from .factories import closed, draft_with, published_comment


def test_the_export_lists_ratings_and_what_comments_add(world):
    draft = draft_with(municipality=world.surgut)
    services.draft_rate(user=world.anna, draft=draft, value="support")
    published_comment(
        draft=draft,
        author=world.anna,
        section=draft.sections.first(),
        passage="Настоящие правила",
        is_proposal=True,
        wording="Иначе",
    )
    data = export_section(world.anna)
    assert data["ratings"][0]["value"] == "support"
    assert data["comments_on_drafts"][0]["wording"] == "Иначе"


def test_deletion_keeps_the_counts_and_blanks_removed_words(world):
    draft = draft_with(municipality=world.surgut)
    services.draft_rate(user=world.anna, draft=draft, value="oppose")
    kept = published_comment(draft=draft, author=world.anna, is_proposal=True, wording="Оставить")
    removed = published_comment(
        draft=draft,
        author=world.anna,
        section=draft.sections.first(),
        passage="Настоящие правила",
        is_proposal=True,
        wording="Тайна",
    )
    reason = RemovalReason.objects.first() or RemovalReason.objects.create(code="x", text="X")
    comment_remove(moderator=world.moderator, comment=removed.comment, reason=reason)
    account_delete(user=world.anna, password=DEMO_PASSWORD)
    draft.refresh_from_db()
    assert draft.oppose_count == 1 and Rating.objects.get().user is None
    removed.refresh_from_db()
    assert removed.wording == "" and removed.passage == ""
    assert DraftComment.objects.get(pk=kept.pk).wording == "Оставить"
    assert Comment.objects.get(pk=kept.comment_id).author.public_name != "Анна П."


def test_the_feeds_list_drafts_and_reports(world, client):
    draft = draft_with(municipality=world.surgut, title="Правила парков")
    reported = closed(draft_with(municipality=world.surgut, title="Схема киосков"))
    services.report_publish(user=world.mayor_office, draft=reported)
    for name in ("discussions:feed_rss", "discussions:feed_atom"):
        feed = feedparser.parse(client.get(reverse(name)).content)
        titles = [entry.title for entry in feed.entries]
        assert any(draft.title in t for t in titles)
        assert any(reported.title in t and "отчёт" in t for t in titles)
