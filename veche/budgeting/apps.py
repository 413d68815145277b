from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetingConfig(AppConfig):
    name = "veche.budgeting"
    label = "budgeting"
    verbose_name = _("Initiative budgeting")

    def ready(self) -> None:
        from veche.search.registry import register_searchable

        from .searching import search_kind

        register_searchable(search_kind())
        from veche.accounts.cabinet import register_cabinet_section
        from veche.accounts.privacy import register_deletion_hook, register_export_section
        from veche.api.routers import register_router
        from veche.core.demo import register_demo
        from veche.staff.sections import register_dashboard_section

        from . import demo, privacy

        register_demo(self.label, demo.seed, after=("territory", "staff", "workdays"))
        register_router("/budgeting", "veche.budgeting.api.router")
        register_cabinet_section(
            "budgeting",
            title=_("My initiatives"),
            empty_text=_("You are in no initiative group and have no applications yet."),
            order=12,
        )
        register_dashboard_section(
            "budgeting", template="budgeting/_dashboard.html", context=_dashboard, order=25
        )
        register_export_section("budgeting", privacy.export_section)
        register_deletion_hook("budgeting", privacy.deletion_hook)
        self._ready_voting()
        self._ready_commission()

    def _ready_voting(self) -> None:
        """Public voting (issue 13): its kind of support, the "votes" ranking, its demo."""
        from veche.accounts.privacy import register_deletion_hook, register_export_section
        from veche.core.demo import register_demo
        from veche.supports.kinds import register_supportable

        from . import demo_voting, privacy_voting
        from .services import results, voting

        register_supportable(voting.VOTES)
        assert results.votes_ranking  # registers the "votes" ranking on import
        register_demo("budgeting_voting", demo_voting.seed, after=("budgeting",))
        register_export_section("budgeting_voting", privacy_voting.export_section)
        register_deletion_hook("budgeting_voting", privacy_voting.deletion_hook)

    def _ready_commission(self) -> None:
        """The expert commission (issue 13, points 1–2): its demo and personal data."""
        from veche.accounts.privacy import register_deletion_hook, register_export_section
        from veche.core.demo import register_demo

        from . import demo_evaluation, privacy_commission

        register_demo(
            "budgeting_commission", demo_evaluation.seed, after=("budgeting", "budgeting_voting")
        )
        register_export_section("budgeting_commission", privacy_commission.export_section)
        register_deletion_hook("budgeting_commission", privacy_commission.deletion_hook)


def _dashboard(user):
    """The staff dashboard's «Работа»: the contests with applications waiting for this user's
    review (as a reviewer or an organizer); nothing when there are none."""
    from .selectors import review_work

    contests = review_work(user)
    return {"contests": contests} if contests else None
