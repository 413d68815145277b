from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "veche.analytics"
    label = "analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        from veche.core.demo import register_demo

        from . import demo, rules  # noqa: F401 - rules registers the named permissions

        # After every domain app: the aggregates are built over their demo data.
        register_demo(
            self.label,
            demo.seed,
            after=("reports", "reports_engagement", "ideas", "polls", "discussions", "budgeting"),
        )
