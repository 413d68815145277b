from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "veche.voting"
    label = "voting"
    verbose_name = _("Voting points")

    def ready(self) -> None:
        from veche.accounts.privacy import register_deletion_hook, register_export_section
        from veche.core.demo import register_demo
        from veche.staff.sections import register_dashboard_section

        from . import demo, privacy, rules  # noqa: F401 - rules registers the permissions
        from .selectors import dashboard_section

        register_demo(self.label, demo.seed, after=("territory", "staff"))
        register_dashboard_section(
            "voting_points",
            template="voting/_dashboard.html",
            context=dashboard_section,
            order=40,
        )
        register_export_section("voting_points", privacy.memberships_section)
        register_deletion_hook("voting_points", privacy.memberships_hook)
