from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "veche.reports"
    label = "reports"
    verbose_name = _("Problem reports")

    def ready(self) -> None:
        from veche.accounts.cabinet import register_cabinet_section
        from veche.accounts.landing import register_landing
        from veche.api.routers import register_router
        from veche.core.demo import register_demo
        from veche.notifications.categories import register_subscription_categories
        from veche.notifications.digest import register_digest_source
        from veche.staff.sections import register_dashboard_section

        from . import demo
        from .notices import digest
        from .notices.recipients import CATEGORY_PREFIX
        from .workspace.views import dashboard_section

        register_demo(self.label, demo.seed_all, after=("workdays", "agencies", "staff"))
        register_router("/reports", "veche.reports.api.router")
        register_cabinet_section(
            "reports",
            title=_("My reports"),
            empty_text=_("You have not sent any reports yet."),
            order=10,
        )
        register_subscription_categories(
            CATEGORY_PREFIX,
            label=_("Problem reports"),
            choices=_category_choices,
            name=_category_name,
        )
        register_digest_source("reports", audience=digest.audience, part=digest.digest_part)
        # Staff who work on reports land on the workspace; the dashboard shows its counts.
        register_landing("reports", _workspace_landing, order=10)
        register_dashboard_section(
            "reports",
            template="reports/workspace/_dashboard.html",
            context=dashboard_section,
            order=10,
        )


def _workspace_landing(user) -> str | None:
    return "reports_workspace:index" if user.has_perm("reports.view_workspace") else None


def _category_choices() -> list[tuple[str, str]]:
    from .models import Category
    from .notices.recipients import category_key

    return [(category_key(c.pk), c.name) for c in Category.objects.filter(is_active=True)]


def _category_name(key: str) -> str | None:
    from .models import Category

    category_id = key.partition(":")[2]
    if not category_id.isdigit():
        return None
    return Category.objects.filter(pk=int(category_id)).values_list("name", flat=True).first()
