"""What the system writes on a timeline is shown in the reader's language, not the writer's."""

from django.utils import translation

from veche.reports.services import report_publish
from veche.reports.tests.factories import ReportFactory


def test_a_routing_entry_reads_in_russian_and_in_english(client, world):
    report = report_publish(
        moderator=world.moderator, report=ReportFactory(municipality=world.surgut)
    )
    entry = report.timeline.get(status_to="routed")
    with translation.override("ru"):
        assert entry.display_text == f"Направлено: {world.surgut_admin.name}."
    with translation.override("en"):
        assert entry.display_text == f"Sent to {world.surgut_admin.name}."
    client.cookies["veche_language"] = "en"
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert f"Sent to {world.surgut_admin.name}." in page and "Направлено:" not in page
