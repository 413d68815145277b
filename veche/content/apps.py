from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "veche.content"
    label = "content"
    verbose_name = _("News, pages, knowledge base and events")

    def ready(self) -> None:
        from veche.accounts.privacy import register_deletion_hook, register_export_section
        from veche.core.demo import register_demo
        from veche.core.home import register_home_section
        from veche.core.sitemaps import register_sitemap

        from . import demo, privacy
        from .sitemaps import SITEMAPS

        register_demo(self.label, demo.seed, after=("territory",))
        from veche.chatbot.registry import register_knowledge

        from . import chatbot
        from .models import KbCategory, KbEntry

        register_knowledge(
            "content.kb", chatbot.entries, index=chatbot.INDEX, watch=(KbEntry, KbCategory)
        )
        from veche.search.registry import register_searchable

        from .searching import search_kinds

        for kind in search_kinds():
            register_searchable(kind)
        register_home_section("content", template="content/home.html", context=_home, order=60)
        register_export_section("content", privacy.export)
        register_deletion_hook("content", privacy.erase)
        for name, sitemap in SITEMAPS.items():
            register_sitemap(name, sitemap)


def _home(request):
    """The latest news and the next events on the home page (two queries)."""
    from . import selectors

    return {
        "latest_news": list(selectors.news_list()[:3]),
        "next_events": list(selectors.events(upcoming_only=True)[:3]),
    }
