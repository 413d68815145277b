"""Press coverage: links to media publications about a report, attached by its author or a
moderator; the agency, the author and the followers are told (notices/recipients.py)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.core.text import clean_text
from veche.staff.services import audit_log

from ..models import PressLink, Report, TimelineEntry
from ._common import lock, record, report_event, report_notice, require


def _clean_url(url: str) -> str:
    url = clean_text(url or "").strip()
    if not url.lower().startswith(("http://", "https://")):
        raise ValidationError(
            {"url": [_("Enter the address of the publication, starting with https:// or http://.")]}
        )
    return url


def report_add_press_link(
    *, user, report: Report, url: str, title: str, outlet: str, published_on: datetime.date
) -> PressLink:
    require(
        user,
        "reports.add_press_link",
        report,
        _("Only the author of the report or a moderator can add publications."),
    )
    link = PressLink(
        report=report,
        url=_clean_url(url),
        title=clean_text(title or "").strip(),
        outlet=clean_text(outlet or "").strip(),
        published_on=published_on,
        added_by=user,
    )
    if not link.title:
        raise ValidationError({"title": [_("Enter the headline of the publication.")]})
    if not link.outlet:
        raise ValidationError({"outlet": [_("Enter the name of the newspaper, site or channel.")]})
    if published_on and published_on > timezone.localdate():
        raise ValidationError({"published_on": [_("The date of publication cannot be ahead.")]})
    with transaction.atomic():
        report = lock(report)
        link.report = report
        if PressLink.objects.filter(report=report, url=link.url).exists():
            raise ValidationError({"url": [_("This publication is already attached.")]})
        link.full_clean()
        link.save()
        _record(report, link, user)
    return link


def _record(report: Report, link: PressLink, user) -> None:
    """The timeline row, the event, the notices and — when staff acted — the audit row."""
    entry = record(
        report,
        kind=TimelineEntry.Kind.PRESS,
        actor=user,
        text=f"{link.outlet}: {link.title}",
    )
    report_event("press_linked", report, actor=user, payload={"press_link": link.pk})
    report_notice("press_coverage", report, entry=entry)
    if report.author_id != user.pk:
        audit_log(actor=user, action="reports.press_link_add", target=link)


def report_remove_press_link(*, user, link: PressLink) -> None:
    """A moderator takes off a link that is not about the report (or no longer works)."""
    require(
        user,
        "reports.remove_press_link",
        link.report,
        _("Only a moderator can remove publications."),
    )
    with transaction.atomic():
        audit_log(
            actor=user,
            action="reports.press_link_remove",
            target=link,
            details={"url": link.url, "report_id": link.report_id},
        )
        report_event("press_unlinked", link.report, actor=user, payload={"press_link": link.pk})
        link.delete()
