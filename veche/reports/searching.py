"""Reports in the site-wide search (veche/search): published ones are public, as on the list."""

from django.urls import reverse

from veche.search.registry import Document, SearchKind

from .models import Report
from .models.report import UNPUBLISHED


def _document(report: Report) -> Document:
    return Document(
        title=f"№ {report.pk} · {report.topic.name}",
        url=reverse("reports:detail", args=[report.pk]),
        public=report.status not in UNPUBLISHED,
        moment=report.created_at,
        text=" ".join((report.text, report.topic.name, report.address)),
        excerpt=report.text,
        municipality_id=report.municipality_id,
    )


def search_kind() -> SearchKind:
    return SearchKind(
        kind="reports.report",
        label=Report._meta.verbose_name_plural,
        model=Report,
        document=_document,
        rows=lambda: Report.objects.select_related("topic"),
        watch=("status", "text", "address", "topic", "municipality"),
        order=10,
    )
