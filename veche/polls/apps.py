from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "veche.polls"
    label = "polls"
    verbose_name = _("Polls and surveys")

    def ready(self) -> None:
        from veche.search.registry import register_searchable

        from .searching import search_kind

        register_searchable(search_kind())
        from veche.accounts.cabinet import register_cabinet_section
        from veche.accounts.privacy import register_deletion_hook, register_export_section
        from veche.api.routers import register_router
        from veche.core.demo import register_demo
        from veche.moderation.registry import register_source
        from veche.notifications.categories import register_subscription_categories

        from . import demo, notices, privacy, queue

        register_demo(self.label, demo.seed, after=("territory", "staff", "voting"))
        register_router("/polls", "veche.polls.api.router")
        register_source(queue.source())
        # The slug accounts announces for votes (accounts/cabinet.py): this fills it.
        register_cabinet_section(
            "votes",
            title=_("My votes"),
            empty_text=_("You have not voted in any poll yet."),
            order=20,
        )
        register_export_section("polls", privacy.export_section)
        register_deletion_hook("polls", privacy.deletion_hook)
        register_subscription_categories(
            notices.CATEGORY_PREFIX,
            label=_("Polls"),
            choices=notices.category_choices,
            name=notices.category_name,
        )
