"""The resident's follows, supports, publications and catalogue proposals are in his export;
deletion drops his follows and pending proposals and blanks the reasons he wrote."""

import datetime
import json

from veche.accounts.privacy import deletion_hooks, export_sections
from veche.reports import services
from veche.reports.models import CatalogueProposal, ReportFollow
from veche.reports.tests.factories import RoutedReportFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory


def engaged(world):
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    services.report_follow(user=world.neighbour, report=report)
    services.report_support(user=world.neighbour, report=report)
    mine = RoutedReportFactory(municipality=world.surgut, author=world.neighbour)
    services.report_add_press_link(
        user=world.neighbour,
        report=mine,
        url="https://ugra-news.ru/a",
        title="Яма",
        outlet="Новости",
        published_on=datetime.date(2026, 11, 1),
    )
    category = world.topic.category
    pending = services.catalogue_propose(
        author=world.neighbour, kind="topic", name="Собаки", reason="Стаи", category=category
    )
    reviewed = services.catalogue_propose(
        author=world.neighbour,
        kind="topic",
        name="Кошки",
        reason="Мой адрес: Ленина, 5",
        category=category,
    )
    admin = RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user
    services.catalogue_proposal_decline(admin=admin, proposal=reviewed, reason="Нет")
    return report, pending, reviewed


def test_export_holds_follows_supports_publications_and_proposals(world):
    report, pending, reviewed = engaged(world)
    section = export_sections()["report_engagement"](world.neighbour)
    json.dumps(section)  # serialisable
    assert section["followed_reports"] == [report.pk]
    assert section["supported_reports"] == [report.pk]
    assert [link["url"] for link in section["press_links"]] == ["https://ugra-news.ru/a"]
    assert {p["name"] for p in section["catalogue_proposals"]} == {"Собаки", "Кошки"}
    assert export_sections()["report_engagement"](world.author)["followed_reports"] == []


def test_deletion_drops_follows_and_pending_proposals_and_blanks_reasons(world):
    report, pending, reviewed = engaged(world)
    deletion_hooks()["report_engagement"](world.neighbour)
    assert not ReportFollow.objects.filter(user=world.neighbour).exists()
    assert not CatalogueProposal.objects.filter(pk=pending.pk).exists()
    reviewed.refresh_from_db()
    assert reviewed.reason == "—" and reviewed.state == CatalogueProposal.State.DECLINED
