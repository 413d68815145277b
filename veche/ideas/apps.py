from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "veche.ideas"
    label = "ideas"
    verbose_name = _("Ideas")

    def ready(self) -> None:
        from veche.reports.search import keep_sqlite_fts

        # The SQLite search index's triggers survive a migration that remakes the table.
        post_migrate.connect(
            keep_sqlite_fts("ideas_idea"), sender=self, weak=False, dispatch_uid="ideas_idea_fts"
        )
        from veche.core.sitemaps import register_sitemap

        from .sitemaps import IdeaSitemap

        register_sitemap("ideas", IdeaSitemap())
        from veche.search.registry import register_searchable

        from .searching import search_kind

        register_searchable(search_kind())
        from veche.accounts.cabinet import register_cabinet_section
        from veche.accounts.privacy import register_deletion_hook, register_export_section
        from veche.api.routers import register_router
        from veche.comments.kinds import register_commentable
        from veche.core.demo import register_demo
        from veche.core.home import register_home_section
        from veche.moderation.registry import register_source
        from veche.notifications.categories import register_subscription_categories
        from veche.staff.sections import register_dashboard_section
        from veche.supports.kinds import register_supportable

        from . import demo, discussion, privacy, queue
        from .notices.recipients import CATEGORY_PREFIX
        from .services.supports import IDEA_SUPPORTS

        register_demo(self.label, demo.seed, after=("reports", "reports_engagement"))
        register_router("/ideas", "veche.ideas.api.router")
        register_supportable(IDEA_SUPPORTS)
        register_commentable(discussion.commentable())
        register_source(queue.source())
        register_home_section(
            "ideas",
            template="ideas/home.html",
            context=_home,
            order=20,
            head="ideas/_home_head.html",
        )
        register_cabinet_section(
            "ideas",
            title=_("My ideas"),
            empty_text=_("You have not proposed any ideas yet."),
            order=11,
        )
        register_export_section("ideas", privacy.export_section)
        register_deletion_hook("ideas", privacy.deletion_hook)
        register_subscription_categories(
            CATEGORY_PREFIX, label=_("Ideas"), choices=_category_choices, name=_category_name
        )
        register_dashboard_section(
            "ideas", template="ideas/_dashboard.html", context=_dashboard, order=20
        )


def _home(request):
    from .views.work import home_context

    return home_context(request)


def _dashboard(user):
    from .views.work import dashboard_section

    return dashboard_section(user)


def _category_choices() -> list[tuple[str, str]]:
    from veche.reports.models import Category

    from .notices.recipients import category_key

    return [(category_key(c.pk), c.name) for c in Category.objects.filter(is_active=True)]


def _category_name(key: str) -> str | None:
    from veche.reports.models import Category

    category_id = key.partition(":")[2]
    if not category_id.isdigit():
        return None
    return Category.objects.filter(pk=int(category_id)).values_list("name", flat=True).first()
