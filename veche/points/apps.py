from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PointsConfig(AppConfig):
    name = "veche.points"
    label = "points"
    verbose_name = _("Points and rewards")

    def ready(self) -> None:
        from veche.accounts.cabinet import register_cabinet_section
        from veche.accounts.privacy import register_deletion_hook, register_export_section
        from veche.accounts.signup import register_signup_hook
        from veche.api.routers import register_router
        from veche.core.demo import register_demo

        from . import demo, privacy
        from .services import referrals

        register_cabinet_section(
            "points",
            title=_("My points"),
            empty_text=_("You have no points yet. Points are given for votes, ideas and comments."),
            order=30,
        )
        register_export_section("points", privacy.export_section)
        register_deletion_hook("points", privacy.deletion_hook)
        register_signup_hook("points", referrals.signup_hook)
        register_router("/points", "veche.points.api.router")
        register_demo(
            self.label,
            demo.seed,
            after=("staff", "reports_engagement", "ideas", "polls", "discussions", "comments"),
        )
