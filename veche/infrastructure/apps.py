from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfrastructureConfig(AppConfig):
    name = "veche.infrastructure"
    label = "infrastructure"
    verbose_name = _("Infrastructure programme")

    def ready(self) -> None:
        from veche.api.routers import register_router
        from veche.core.demo import register_demo
        from veche.reports.subjects import SubjectKind, register_subject_kind

        from . import demo
        from .selectors import SUBJECT_KIND

        register_demo(self.label, demo.seed, after=("territory", "agencies"))
        register_router("/objects", "veche.infrastructure.api.router")
        register_subject_kind(SubjectKind(kind=SUBJECT_KIND, exists=_exists, describe=_describe))
        from veche.search.registry import register_searchable

        from .searching import search_kind

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
