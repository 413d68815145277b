"""A poll's exports: results for whoever sees them, ballots for its organizers only — read back
with csv and openpyxl, they carry a pseudonym and the moment of voting, never a name, an e-mail
or a phone, and the words of «other» stay beside their option."""

import csv
import io

import openpyxl
import pytest

from veche.polls.models import QuestionKind
from veche.polls.services import Response, ballot_cast
from veche.polls.tests.factories import PollFactory, add_question, option

pytestmark = pytest.mark.django_db


@pytest.fixture
def voted(world):
    poll = PollFactory(municipality=world.surgut, results_visibility="live")
    question = add_question(
        poll, text="Что построить?", options=("Каток", "Бассейн"), allows_other=True
    )
    other = question.options.get(is_other=True)
    ballot_cast(
        voter=world.surgut_resident,
        poll=poll,
        answers={question.pk: Response(options=[option(question, "Каток").pk])},
    )
    ballot_cast(
        voter=world.verified,
        poll=poll,
        answers={question.pk: Response(options=[other.pk], text="Скейт-парк")},
    )
    return poll


def _content(response) -> bytes:
    assert response.status_code == 200, response
    return b"".join(response.streaming_content)


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(_content(response).decode("utf-8-sig"))))


def _xlsx(response) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(_content(response)), read_only=True).active
    return list(sheet.iter_rows(values_only=True))


def _personal(world) -> list[str]:
    people = (world.surgut_resident, world.verified)
    return [v for p in people for v in (p.email, p.first_name, p.last_name, p.phone or "") if v]


def test_the_organizer_exports_ballots_without_personal_data(client, world, voted):
    client.force_login(world.mayor_office)
    for fmt, read in (("csv", _csv), ("xlsx", _xlsx)):
        rows = read(client.get(f"/polls/{voted.pk}/ballots.{fmt}"))
        header, body = rows[0], rows[1:]
        assert len(body) == 2 and header[0] == "Участник (псевдоним)"
        flat = " ".join(str(cell) for row in rows for cell in row)
        assert not any(value in flat for value in _personal(world))
        assert len({row[0] for row in body}) == 2  # two voters, two pseudonyms
        other = next(row for row in body if row[7] == "Скейт-парк")
        assert "Другое" in str(other[5])  # the words stay beside «other»


def test_results_export_counts_and_shares(client, world, voted):
    rows = _csv(client.get(f"/polls/{voted.pk}/results.csv"))
    counted = {row[1]: (row[2], row[3]) for row in rows[1:]}
    assert counted["Каток"] == ("1", "50.0")


def test_ballots_are_for_the_organizers_only(client, world, voted):
    client.force_login(world.surgut_resident)
    assert client.get(f"/polls/{voted.pk}/ballots.csv").status_code == 403
    assert client.get(f"/polls/{voted.pk}/ballots.pdf").status_code in (403, 404)
    client.force_login(world.mayor_office)
    assert client.get(f"/polls/{voted.pk}/ballots.pdf").status_code == 404


def test_hidden_results_are_not_exported(client, world):
    poll = PollFactory(municipality=world.surgut, results_visibility="after_closing")
    add_question(poll, QuestionKind.SINGLE, text="Да или нет?", options=("Да", "Нет"))
    assert client.get(f"/polls/{poll.pk}/results.csv").status_code == 403
