from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfrastructureConfig(AppConfig):
    name = "veche.infrastructure"
    label = "infrastructure"
    verbose_name = _("Infrastructure programme")

    def ready(self) -> None:
        from veche.accounts.privacy import register_deletion_hook, register_export_section
        from veche.api.routers import register_router
        from veche.comments.kinds import register_commentable
        from veche.core.demo import register_demo
        from veche.moderation.registry import register_source
        from veche.reports.subjects import SubjectKind, register_subject_kind
        from veche.search.registry import register_searchable
        from veche.supports.kinds import register_supportable

        from . import demo, demo_residents, privacy, queue
        from .commenting import rating_kind
        from .searching import search_kind
        from .selectors import SUBJECT_KIND
        from .services.residents import PROPOSAL_SUPPORTS

        register_demo(self.label, demo.seed, after=("territory", "agencies"))
        register_demo(
            "infrastructure_residents", demo_residents.seed, after=("infrastructure", "reports")
        )
        register_export_section(self.label, privacy.export_section)
        register_deletion_hook(self.label, privacy.deletion_hook)
        for source in queue.sources():
            register_source(source)
        register_supportable(PROPOSAL_SUPPORTS)
        register_commentable(rating_kind())
        register_router("/objects", "veche.infrastructure.api.router")
        register_subject_kind(
            SubjectKind(
                kind=SUBJECT_KIND,
                exists=_exists,
                describe=_describe,
                topics=_topics,
                place=_place,
            )
        )
        register_searchable(search_kind())


def _exists(pk: int) -> bool:
    from .models import Facility

    return Facility.objects.filter(pk=pk).exists()


def _describe(pk: int) -> tuple[str, str] | None:
    """The object's name and page, for a report about it."""
    from django.urls import reverse

    from .models import Facility

    name = Facility.objects.filter(pk=pk).values_list("name", flat=True).first()
    return None if name is None else (name, reverse("infrastructure:detail", args=[pk]))


def _topics(pk: int) -> list[int]:
    """The report topics the object's category allows (or the general category's)."""
    from .selectors import report_topic_ids

    return report_topic_ids(pk)


def _place(pk: int) -> tuple[float, float, str] | None:
    from .models import Facility

    row = Facility.objects.filter(pk=pk).values_list("lat", "lon", "address").first()
    return None if row is None else (round(row[0], 6), round(row[1], 6), row[2])
