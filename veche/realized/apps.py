from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RealizedConfig(AppConfig):
    name = "veche.realized"
    label = "realized"
    verbose_name = _("Realized initiative projects")

    def ready(self) -> None:
        from veche.api.routers import register_router
        from veche.core.demo import register_demo
        from veche.core.home import register_home_section

        from . import demo

        register_demo(self.label, demo.seed, after=("territory",))
        register_router("/realized", "veche.realized.api.router")
        register_home_section("realized", template="realized/home.html", context=_home, order=40)


def _home(request):
    """The registry's figures on the home page (one query)."""
    from . import selectors

    totals = selectors.totals(selectors.projects())
    return {"totals": totals, "contributed": totals["residents"] + totals["sponsors"]}
