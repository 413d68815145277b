"""Open data: the files, the catalogue page, and nothing personal in any file."""

import csv
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from veche.core.opendata import coarse_point, datasets
from veche.ideas.tests.factories import PublishedIdeaFactory
from veche.opendata.build import build
from veche.reports.models import Status
from veche.reports.tests.factories import RoutedReportFactory


@pytest.fixture(autouse=True)
def files(settings, tmp_path):
    settings.OPENDATA_ROOT = tmp_path / "opendata"
    return settings.OPENDATA_ROOT


def test_points_go_on_a_grid_of_about_100_metres():
    lat, lon = coarse_point(61.25437, 73.39612)
    assert (lat, lon) == (61.254, 73.396)
    assert abs(lat - 61.25437) * 111_000 <= 56
    assert coarse_point(None, None) == (None, None)


def test_builtin_datasets_are_registered_with_a_dictionary():
    slugs = [d.slug for d in datasets()]
    assert {"reports", "ideas", "poll-results"} <= set(slugs)
    for dataset in datasets():
        assert all(c.name and c.type and str(c.meaning) for c in dataset.columns)


@pytest.fixture
def private_people(db):
    """A report and an idea by residents with names, e-mails, phones and exact points."""
    report = RoutedReportFactory(
        status=Status.ROUTED,
        lat=61.2543719,
        lon=73.3961234,
        text="Звоните Ивану Петрову +7 912 345-67-89",
        address="ул. Ленина, 5, кв. 12",
    )
    report.author.first_name, report.author.last_name = "Иван", "Петров"
    report.author.email = "ivan.petrov@example.ru"
    report.author.phone = "+79123456789"
    report.author.save()
    idea = PublishedIdeaFactory(lat=61.2581234, lon=73.4012345)
    return report, idea


def test_open_data_contains_no_name_email_phone_or_exact_point(private_people, files):
    report, idea = private_people
    catalogue = build()
    assert catalogue["datasets"]["reports"]["rows"] == 1
    text = "\n".join(
        path.read_text(encoding="utf-8-sig") for path in files.iterdir() if path.suffix != ".xlsx"
    )
    book = load_workbook(files / "reports.xlsx", read_only=True)
    text += "\n".join(str(cell) for row in book.active.iter_rows(values_only=True) for cell in row)
    for private in (
        "Иван",
        "Петров",
        "ivan.petrov",
        "@",
        "912 345",  # the phone as the text writes it (not "912": factories number names 2912…)
        "345-67-89",
        "9123456789",
        "Ленина",
        report.author.email,
        "61.2543719",
        "73.3961234",
        "61.2581234",
        "73.4012345",
        "61.25437",
    ):
        assert private not in text, private
    row = next(csv.DictReader((files / "reports.csv").open(encoding="utf-8-sig")))
    assert (float(row["lat"]), float(row["lon"])) == coarse_point(report.lat, report.lon)


def test_every_format_has_the_dictionarys_columns(private_people, files):
    build()
    document = json.loads((files / "reports.json").read_text("utf-8"))
    names = [c["name"] for c in document["columns"]]
    assert list(document["rows"][0]) == names
    assert document["licence"]["name"] == "CC BY 4.0"
    assert next(csv.reader((files / "reports.csv").open(encoding="utf-8-sig"))) == names
    geo = json.loads((files / "reports.geojson").read_text("utf-8"))
    feature = geo["features"][0]
    assert feature["geometry"]["type"] == "Point" and "lat" not in feature["properties"]
    assert not (files / "poll-results.geojson").exists()


def test_unpublished_reports_stay_out(db, files):
    RoutedReportFactory(status=Status.SUBMITTED)
    assert build()["datasets"]["reports"]["rows"] == 0


def test_the_licence_is_a_setting(settings, private_people, client):
    settings.OPENDATA_LICENCE = "ODbL 1.0"
    build()
    assert "ODbL 1.0" in client.get(reverse("opendata:catalogue")).content.decode()


def test_the_catalogue_lists_datasets_their_dictionary_and_downloads(private_people, client):
    before = client.get(reverse("opendata:catalogue"))
    assert before.status_code == 200
    assert client.get(reverse("opendata:download", args=["reports", "csv"])).status_code == 404
    build()
    page = client.get(reverse("opendata:catalogue")).content.decode()
    assert "CC BY 4.0" in page and "<code>supports</code>" in page
    assert reverse("opendata:download", args=["reports", "geojson"]) in page
    response = client.get(reverse("opendata:download", args=["reports", "xlsx"]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    for slug, fmt in [("reports", "exe"), ("nothing", "csv"), ("poll-results", "geojson")]:
        assert client.get(reverse("opendata:download", args=[slug, fmt])).status_code == 404


def test_the_command_builds_nightly(private_people, files):
    from django.core.management import call_command

    call_command("opendata_build")
    assert (files / "catalogue.json").is_file()
    assert timezone.now().isoformat()[:10] in (files / "catalogue.json").read_text("utf-8")


def rows_of(files, slug):
    return json.loads((files / f"{slug}.json").read_text("utf-8"))["rows"]


def test_finished_polls_results_are_published_open_ones_are_not(db, files):
    from veche.polls.models import OptionCount, Question, ResultsVisibility
    from veche.polls.tests.factories import PollFactory, add_question

    past = {
        "opens_at": timezone.now() - timezone.timedelta(days=10),
        "closes_at": timezone.now() - timezone.timedelta(days=1),
    }
    finished = PollFactory(**past, results_visibility=ResultsVisibility.AFTER_CLOSING)
    question = add_question(finished, options=("Парк Победы", "Сквер у школы"))
    OptionCount.objects.filter(option__text="Парк Победы").update(count=30)
    OptionCount.objects.filter(option__text="Сквер у школы").update(count=10)
    Question.objects.filter(pk=question.pk).update(answer_count=40)
    add_question(PollFactory())  # still open
    add_question(PollFactory(**past, results_visibility=ResultsVisibility.ON_PUBLICATION))
    build()
    rows = rows_of(files, "poll-results")
    assert [(r["poll"], r["option"], r["answers"], r["share"]) for r in rows] == [
        (finished.pk, "Парк Победы", 30, 0.75),
        (finished.pk, "Сквер у школы", 10, 0.25),
    ]


def test_contest_results_after_the_public_voting(db, files):
    from veche.budgeting import stages
    from veche.budgeting.models import VoteTally
    from veche.budgeting.tests.factories import voting_contest

    over, applications = voting_contest(stage=stages.RESULTS)
    VoteTally.objects.filter(application=applications[0]).update(votes=12, paper_votes=2)
    voting_contest()  # voting under way: not yet
    build()
    rows = rows_of(files, "contest-results")
    assert {r["contest"] for r in rows} == {over.pk} and len(rows) == 3
    assert rows[0]["project"] == "Проект 01" and (rows[0]["votes"], rows[0]["paper_votes"]) == (
        12,
        2,
    )
    text = (files / "contest-results.csv").read_text("utf-8-sig")
    assert applications[0].author.email not in text
