"""The public page of a report: what it shows, to whom, without personal data, with a constant
number of queries; support and the author's verdict on the answer."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from veche.reports import services
from veche.reports.models import Answer, ReportMedia, Status, TimelineEntry
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory

pytestmark = pytest.mark.django_db


def page(client, report):
    return client.get(f"/reports/{report.pk}/")


def add_photos(report, count: int) -> None:
    for n in range(count):
        ReportMedia.objects.create(
            report=report,
            kind=ReportMedia.Kind.PHOTO,
            file=f"reports/p{report.pk}-{n}.jpg",
            thumbnail=f"reports/thumbs/p{report.pk}-{n}.jpg",
            content_type="image/jpeg",
            size=1000,
            order=n,
        )


def answered(world, *, kind="resolved", planned_date=None):
    report = RoutedReportFactory(author=world.author, municipality=world.surgut)
    services.report_answer(
        official=world.official,
        report=report,
        kind=kind,
        text="Яму заделали холодным асфальтом.",
        planned_date=planned_date,
    )
    report.refresh_from_db()
    return report


def test_a_published_report_shows_its_facts_photos_and_status(client, world):
    report = RoutedReportFactory(author=world.author, municipality=world.surgut, support_count=4)
    add_photos(report, 2)
    response = page(client, report)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Сообщение № {report.pk}: {report.topic.name}" in html
    assert 'class="badge badge-info">Направлено в ведомство' in html
    assert report.topic.category.name in html and "Сургут" in html
    assert "ул. Ленина, 5" in html and "Глубокая яма на проезжей части" in html
    assert f'alt="Фото к сообщению № {report.pk} (1/2)"' in html
    assert f'href="/media/reports/p{report.pk}-0.jpg"' in html
    assert f'src="/media/reports/thumbs/p{report.pk}-0.jpg"' in html
    assert "Срок ответа" in html and "просрочено" not in html
    assert "4</strong> жителя поддерживают это сообщение" in html


def test_the_author_is_shown_by_public_name_only(client, world):
    report = RoutedReportFactory(author=world.author, municipality=world.surgut)
    client.force_login(world.neighbour)
    html = page(client, report).content.decode()
    author = world.author
    assert f"{author.first_name} {author.last_name[0]}." in html
    for private in (author.email, author.phone, author.last_name, author.get_full_name()):
        assert private not in html


def test_an_overdue_report_is_flagged(client, world):
    report = RoutedReportFactory(
        municipality=world.surgut, due_at=timezone.now() - datetime.timedelta(days=1)
    )
    assert 'class="badge overdue">просрочено' in page(client, report).content.decode()


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.REJECTED])
def test_an_unpublished_report_is_not_found_but_by_its_author_and_staff(client, world, status):
    report = ReportFactory(
        author=world.author,
        municipality=world.surgut,
        status=status,
        rejection_reason=world.reason if status == Status.REJECTED else None,
    )
    assert page(client, report).status_code == 404
    client.force_login(world.neighbour)
    assert page(client, report).status_code == 404
    client.force_login(world.urai_moderator)
    assert page(client, report).status_code == 404
    client.force_login(world.moderator)
    assert page(client, report).status_code == 200
    client.force_login(world.author)
    html = page(client, report).content.decode()
    if status == Status.REJECTED:
        assert "Модератор отклонил сообщение" in html and world.reason.text in html
    else:
        assert "Сообщение ожидает модерации" in html


def test_internal_notes_are_hidden_from_the_public_and_shown_to_staff(client, world):
    report = RoutedReportFactory(author=world.author, municipality=world.surgut)
    services.report_add_note(official=world.official, report=report, text="Позвонить подрядчику")
    for user in (None, world.author, world.neighbour):
        if user:
            client.force_login(user)
        assert "Позвонить подрядчику" not in page(client, report).content.decode()
    client.force_login(world.official)
    html = page(client, report).content.decode()
    assert "Позвонить подрядчику" in html and "внутренняя заметка" in html


def test_the_page_reads_with_a_constant_number_of_queries(client, world):
    def queries_for(count: int) -> int:
        report = RoutedReportFactory(author=world.author, municipality=world.surgut)
        add_photos(report, count)
        for _ in range(count):
            TimelineEntry.objects.create(report=report, kind="status", status_to="routed")
        client.force_login(world.neighbour)
        with CaptureQueriesContext(connection) as queries:
            assert page(client, report).status_code == 200
        return len(queries)

    assert queries_for(1) == queries_for(20)


def test_supporting_twice_counts_once(client, world):
    report = RoutedReportFactory(author=world.author, municipality=world.surgut)
    client.force_login(world.neighbour)
    first = client.post(f"/reports/{report.pk}/support/", follow=True)
    assert "Спасибо: ваша поддержка учтена." in first.content.decode()
    second = client.post(f"/reports/{report.pk}/support/", follow=True)
    assert "Вы уже поддерживаете это сообщение." in second.content.decode()
    report.refresh_from_db()
    assert report.support_count == 1
    assert "Вы поддерживаете это сообщение." in second.content.decode()


def test_support_by_htmx_returns_the_button_block(client, world):
    report = RoutedReportFactory(municipality=world.surgut)
    client.force_login(world.neighbour)
    button = f'data-hx-post="/reports/{report.pk}/support/"'
    assert button in page(client, report).content.decode()
    response = client.post(f"/reports/{report.pk}/support/", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "1</strong> житель поддерживает это сообщение" in html
    assert button not in html


def test_who_cannot_support_is_told_why_and_refused(client, world):
    report = RoutedReportFactory(author=world.author, municipality=world.surgut)
    html = page(client, report).content.decode()
    assert "Войдите</a>, чтобы поддержать это сообщение." in html
    response = client.post(f"/reports/{report.pk}/support/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(world.author)
    assert "Это ваше сообщение" in page(client, report).content.decode()
    client.force_login(world.unconfirmed)
    client.post(f"/reports/{report.pk}/support/")
    report.refresh_from_db()
    assert report.support_count == 0


def test_an_unpublished_report_cannot_be_supported(client, world):
    report = ReportFactory(municipality=world.surgut)
    client.force_login(world.neighbour)
    assert client.post(f"/reports/{report.pk}/support/").status_code == 404


def test_the_author_rates_and_confirms_the_answer(client, world):
    report = answered(world)
    client.force_login(world.neighbour)
    assert "Ваша оценка ответа" not in page(client, report).content.decode()
    client.force_login(world.author)
    html = page(client, report).content.decode()
    assert "<legend>Оцените ответ</legend>" in html
    assert 'name="verdict" value="confirm"' in html
    response = client.post(
        f"/reports/{report.pk}/review/", {"rating": "5", "verdict": "confirm"}, follow=True
    )
    assert "Спасибо: сообщение закрыто с вашей оценкой." in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.CLOSED
    assert (Answer.objects.get().verdict, Answer.objects.get().rating) == ("confirmed", 5)


def test_a_dispute_needs_a_reason_and_then_reopens_the_report(client, world):
    report = answered(world)
    client.force_login(world.author)
    url = f"/reports/{report.pk}/review/"
    response = client.post(url, {"rating": "2", "verdict": "dispute", "reason": ""})
    assert response.status_code == 400
    assert '<a href="#review-reason">Что не так с ответом: Укажите, что не так с ответом.</a>' in (
        response.content.decode()
    )
    response = client.post(url, {"verdict": "dispute", "reason": "Яма на месте"})
    assert "Оцените ответ от 1 до 5." in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.ANSWERED

    client.post(url, {"rating": "2", "verdict": "dispute", "reason": "Яма на месте"})
    report.refresh_from_db()
    assert report.status == Status.IN_PROGRESS


def test_a_scheduled_answer_can_only_be_disputed(client, world):
    report = answered(world, kind="scheduled", planned_date=datetime.date(2030, 6, 1))
    client.force_login(world.author)
    html = page(client, report).content.decode()
    assert "Работы запланированы на:" in html
    assert 'value="confirm"' not in html and 'value="dispute"' in html
    response = client.post(
        f"/reports/{report.pk}/review/", {"rating": "4", "verdict": "confirm"}, follow=True
    )
    assert "Работы пока только запланированы" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.ANSWERED


def test_someone_else_cannot_review(client, world):
    report = answered(world)
    client.force_login(world.neighbour)
    response = client.post(
        f"/reports/{report.pk}/review/", {"rating": "1", "verdict": "confirm"}, follow=True
    )
    assert response.redirect_chain == [(f"/reports/{report.pk}/", 302)]
    assert "Оценить ответ может только автор сообщения." in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.ANSWERED


def test_a_supporter_takes_his_support_back(client, world):
    report = RoutedReportFactory(author=world.author, municipality=world.surgut)
    client.force_login(world.neighbour)
    client.post(f"/reports/{report.pk}/support/")
    withdraw = f'data-hx-post="/reports/{report.pk}/support/withdraw/"'
    assert withdraw in page(client, report).content.decode()

    response = client.post(f"/reports/{report.pk}/support/withdraw/", follow=True)

    assert "Ваша поддержка отозвана." in response.content.decode()
    report.refresh_from_db()
    assert report.support_count == 0 and not report.supports.exists()
    again = client.post(f"/reports/{report.pk}/support/withdraw/", follow=True)
    assert "Вы не поддерживаете это сообщение." in again.content.decode()
    report.refresh_from_db()
    assert report.support_count == 0


def test_withdrawing_by_htmx_returns_the_button_block(client, world):
    report = RoutedReportFactory(municipality=world.surgut)
    client.force_login(world.neighbour)
    client.post(f"/reports/{report.pk}/support/")
    response = client.post(
        f"/reports/{report.pk}/support/withdraw/", headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "<strong>0</strong>" in html
    assert f'hx-post="/reports/{report.pk}/support/"' in html  # he may support again


def test_nobody_withdraws_from_outside(client, world):
    report = RoutedReportFactory(municipality=world.surgut)
    client.force_login(world.neighbour)
    client.post(f"/reports/{report.pk}/support/")
    client.logout()
    response = client.post(f"/reports/{report.pk}/support/withdraw/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    hidden = ReportFactory(municipality=world.surgut)
    client.force_login(world.neighbour)
    assert client.post(f"/reports/{hidden.pk}/support/withdraw/").status_code == 404
    report.refresh_from_db()
    assert report.support_count == 1
