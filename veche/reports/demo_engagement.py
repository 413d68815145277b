"""Demo of the report page's extras: a publication in the media about a published report, the
verified resident following and supporting it, and a catalogue proposal awaiting the regional
admin. Idempotent: each row is found by its natural key before it is made."""

import datetime

from django.utils import timezone


def seed_engagement() -> None:
    from veche.accounts.models import User

    from .models import CatalogueProposal, Category, PressLink, Report, Status
    from .models.report import UNPUBLISHED
    from .services import catalogue_propose, report_add_press_link, report_follow, report_support

    people = {u.email: u for u in User.objects.filter(email__endswith="@demo.veche")}
    resident, neighbour = people.get("resident@demo.veche"), people.get("verified@demo.veche")
    moderator = people.get("moderator@demo.veche")
    if not (resident and neighbour and moderator):
        return
    report = (
        Report.objects.filter(author=resident, client_token__startswith="demo-")
        .exclude(status__in=[*UNPUBLISHED, Status.CLOSED])
        .order_by("pk")
        .first()
    )
    if report is not None:
        if not PressLink.objects.filter(report=report).exists():
            report_add_press_link(
                user=moderator,
                report=report,
                url="https://example.org/news/surgut-yama",
                title="Жители Сургута жалуются на ямы у школы",
                outlet="Сургутские новости (демо)",
                published_on=timezone.localdate() - datetime.timedelta(days=2),
            )
        if neighbour.has_perm("reports.follow_report", report):
            report_follow(user=neighbour, report=report)
        if neighbour.has_perm("reports.support_report", report):
            report_support(user=neighbour, report=report)
    name = "Бродячие собаки у школ"
    category = Category.objects.order_by("order", "pk").first()
    if category and not CatalogueProposal.objects.filter(author=resident, name=name).exists():
        catalogue_propose(
            author=resident,
            kind=CatalogueProposal.Kind.TOPIC,
            name=name,
            reason="Стаи собак встречают детей у школ, а подходящей темы в каталоге нет.",
            category=category,
        )
