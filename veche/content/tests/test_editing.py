"""Editors' changes: who may edit what (a role matrix), rich text cleaned, scheduling, page
paths, the audit row and the event of every change, and refusals that change nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from veche.content import services
from veche.content.models import ContentEditor, News, Page, Status
from veche.content.rules import REGION, Scope
from veche.events.models import Event as LogEvent
from veche.staff.models import StaffAuditLog

from .factories import NewsFactory, PageFactory

pytestmark = pytest.mark.django_db

EVIL = (
    '<p onclick="steal()">Привет<script>alert(1)</script></p>'
    '<a href="javascript:alert(2)">ссылка</a><img src=x onerror="alert(3)">'
    '<a href="https://ugra.example/">хорошая</a>'
)


def test_stored_html_loses_script_handlers_and_javascript_links(world):
    news = services.item_save(
        actor=world.surgut_editor,
        item=News(),
        changes={"title": "Новость", "body": EVIL, "municipality": world.surgut},
    )
    news.refresh_from_db()
    assert "script" not in news.body and "alert(1)" not in news.body
    assert "onclick" not in news.body and "onerror" not in news.body
    assert "javascript:" not in news.body and "<img" not in news.body
    assert "Привет" in news.body
    assert 'href="https://ugra.example/"' in news.body


def test_an_old_row_with_script_is_cleaned_when_shown(world, client):
    news = NewsFactory(body=EVIL)  # written around the service (a migration, the shell)
    page = client.get(news.get_absolute_url()).content.decode()
    assert "alert(1)" not in page and "onclick" not in page and "javascript:alert" not in page


@pytest.mark.parametrize(
    "who, municipality, allowed",
    [
        ("regional_admin", "surgut", True),
        ("regional_admin", None, True),
        ("surgut_admin", "surgut", True),
        ("surgut_admin", "urai", False),
        ("surgut_admin", None, False),
        ("surgut_editor", "surgut", True),
        ("surgut_editor", "urai", False),
        ("surgut_editor", None, False),
        ("surgut_head", "surgut", False),
        ("resident", "surgut", False),
    ],
)
def test_who_keeps_content_of_a_territory(world, who, municipality, allowed):
    user = getattr(world, who)
    target = Scope(getattr(world, municipality) if municipality else None)
    assert user.has_perm("content.change_item", target) is allowed


def test_a_region_wide_editor_keeps_every_territory(world):
    ContentEditor.objects.create(user=world.resident, municipality=None)
    assert world.resident.has_perm("content.change_item", REGION)
    assert world.resident.has_perm("content.change_item", Scope(world.urai))


def test_an_editor_cannot_move_an_item_out_of_his_territory(world):
    news = NewsFactory(municipality=world.surgut, title="Было")
    before = LogEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.item_save(
            actor=world.surgut_editor,
            item=news,
            changes={"title": "Стало", "municipality": world.urai},
        )
    news.refresh_from_db()
    assert (news.title, news.municipality) == ("Было", world.surgut)
    assert LogEvent.objects.count() == before


def test_every_change_is_audited_and_recorded(world):
    news = services.item_save(
        actor=world.surgut_admin,
        item=News(),
        changes={"title": "Открыт приём заявок", "municipality": world.surgut},
    )
    services.item_publish(actor=world.surgut_admin, item=news)
    actions = list(
        StaffAuditLog.objects.filter(target_id=str(news.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["content.news_created", "content.news_published"]
    kinds = set(LogEvent.objects.filter(subject_id=str(news.pk)).values_list("kind", flat=True))
    assert {"content.news_created", "content.news_published"} <= kinds


def test_a_scheduled_item_is_invisible_until_its_time(world, client, time_machine):
    news = services.item_save(
        actor=world.surgut_editor,
        item=News(),
        changes={"title": "Завтрашняя новость", "municipality": world.surgut},
    )
    at = timezone.now() + timedelta(days=1)
    news = services.item_publish(actor=world.surgut_editor, item=news, at=at)
    assert news.is_scheduled()
    assert not News.objects.visible().filter(pk=news.pk).exists()
    assert client.get(news.get_absolute_url()).status_code == 404
    assert "Завтрашняя новость" not in client.get("/news/").content.decode()
    time_machine.move_to(at + timedelta(minutes=1))
    assert News.objects.visible().filter(pk=news.pk).exists()
    assert client.get(news.get_absolute_url()).status_code == 200


def test_a_withdrawn_item_is_a_draft_again(world):
    news = NewsFactory(municipality=world.surgut)
    services.item_withdraw(actor=world.surgut_editor, item=news)
    news.refresh_from_db()
    assert news.status == Status.DRAFT and not news.is_visible()


def test_pages_form_a_tree_with_slug_paths(world):
    actor = world.regional_admin
    top = services.item_save(
        actor=actor, item=Page(), changes={"title": "Наша Югра", "slug": "ugra"}
    )
    child = services.item_save(
        actor=actor, item=Page(), changes={"title": "История", "slug": "history", "parent": top}
    )
    assert child.path == "ugra/history"
    services.item_save(actor=actor, item=top, changes={"slug": "nasha-ugra"})
    child.refresh_from_db()
    assert child.path == "nasha-ugra/history"
    with pytest.raises(ValidationError):
        services.item_save(actor=actor, item=top, changes={"parent": child})
    with pytest.raises(ValidationError):
        services.item_save(
            actor=actor, item=Page(), changes={"title": "Дубль", "slug": "history", "parent": top}
        )


def test_a_page_is_found_by_its_path_and_lists_its_children(world, client):
    top = PageFactory(slug="ugra", title="Наша Югра")
    PageFactory(parent=top, slug="nature", title="Природа")
    PageFactory(parent=top, slug="draft", title="Черновик", status=Status.DRAFT)
    page = client.get("/about/ugra/").content.decode()
    assert "Природа" in page and "Черновик" not in page
    assert client.get("/about/ugra/nature/").status_code == 200
    assert client.get("/about/ugra/draft/").status_code == 404


def test_admins_appoint_editors_of_their_territory_only(world):
    membership = services.editor_appoint(
        actor=world.surgut_admin, user=world.resident, municipality=world.surgut
    )
    assert world.resident.has_perm("content.change_item", Scope(world.surgut))
    assert StaffAuditLog.objects.filter(action="content.editor_appoint").count() == 1
    with pytest.raises(PermissionDenied):
        services.editor_appoint(actor=world.surgut_admin, user=world.resident, municipality=None)
    with pytest.raises(PermissionDenied):
        services.editor_remove(actor=world.urai_admin, membership=membership)
    services.editor_remove(actor=world.surgut_admin, membership=membership)
    assert not ContentEditor.objects.filter(user=world.resident).exists()
