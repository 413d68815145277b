from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "veche.reports"
    label = "reports"
    verbose_name = _("Problem reports")

    def ready(self) -> None:
        from veche.reports.search import keep_sqlite_fts

        # The SQLite search index's triggers survive a migration that remakes the table.
        fts = keep_sqlite_fts("reports_report")
        post_migrate.connect(fts, sender=self, weak=False, dispatch_uid="reports_report_fts")
        from veche.core.sitemaps import register_sitemap

        from .sitemaps import ReportSitemap

        register_sitemap("reports", ReportSitemap())
        from veche.search.registry import register_searchable

        from .searching import search_kind

        register_searchable(search_kind())
        from . import filter_choices

        filter_choices.connect_signals()
        from veche.accounts.cabinet import register_cabinet_section
        from veche.accounts.landing import register_landing
        from veche.accounts.privacy import register_deletion_hook, register_export_section
        from veche.api.routers import register_router
        from veche.core.demo import register_configuration, register_demo
        from veche.core.home import register_home_section
        from veche.notifications.categories import register_subscription_categories
        from veche.notifications.digest import register_digest_source
        from veche.staff.sections import register_dashboard_section
        from veche.supports.kinds import register_supportable
        from veche.territory.configuration import configurations

        from . import configuration, demo, demo_engagement, moderation, privacy
        from .notices import digest
        from .notices.recipients import CATEGORY_PREFIX
        from .services.pending import pending_photos_forget
        from .services.supports import REPORT_SUPPORTS
        from .workspace.views import dashboard_section

        register_demo(self.label, demo.seed_all, after=("workdays", "agencies", "staff"))
        for name in configurations():  # territory/data/<name>/: a deployment as data
            register_configuration(name, configuration.loader(name), after=("workdays",))
        register_demo("reports_engagement", demo_engagement.seed_engagement, after=(self.label,))
        register_router("/reports", "veche.reports.api.router")
        from veche.chatbot.registry import register_filing, register_status_lookup

        from .chatbot import ChatFiling, report_status

        register_status_lookup(report_status)
        register_filing(ChatFiling())
        register_supportable(REPORT_SUPPORTS)
        register_home_section(
            "reports",
            template="reports/home.html",
            context=_home_context,
            order=10,
            head="reports/_home_head.html",
            scripts="reports/_home_scripts.html",
        )
        register_cabinet_section(
            "reports",
            title=_("My reports"),
            empty_text=_("You have not sent any reports yet."),
            order=10,
        )
        register_cabinet_section(
            "supported",
            title=_("Reports I support"),
            empty_text=_("You do not support any report yet."),
            order=12,
        )
        register_cabinet_section(
            "followed",
            title=_("Reports I follow"),
            empty_text=_("You do not follow any report yet."),
            order=14,
        )
        register_export_section("report_engagement", privacy.export_section)
        register_deletion_hook("report_engagement", privacy.deletion_hook)
        register_subscription_categories(
            CATEGORY_PREFIX,
            label=_("Problem reports"),
            choices=_category_choices,
            name=_category_name,
        )
        register_digest_source("reports", audience=digest.audience, part=digest.digest_part)
        register_deletion_hook("reports_pending_photos", pending_photos_forget)
        # Staff who work on reports land on the workspace; the dashboard shows its counts.
        register_landing("reports", _workspace_landing, order=10)
        register_dashboard_section(
            "reports",
            template="reports/workspace/_dashboard.html",
            context=dashboard_section,
            order=10,
        )
        # The workspace keeps its own queue; the moderation page shows its count and link.
        moderation.register()


def _home_context(request):
    from .views.home import home_context

    return home_context(request)


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
