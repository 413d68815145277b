from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .components import BADGE_TONES, Step, Tab
from .cookies import delete_preference_cookie, set_preference_cookie
from .forms import SampleForm, refusal_message
from .home import rendered_sections
from .http import safe_next
from .low_vision import ACCESSIBILITY_COOKIE, LowVision

# Paths whose errors are JSON (`{"detail": ...}`, the API's shape), not a page.
API_PREFIX = "/api/v1/"


def home(request: HttpRequest) -> HttpResponse:
    """The home page: the sections the installed modules register (core/home.py)."""
    return render(request, "core/home.html", {"sections": rendered_sections(request)})


# The tokens the pattern page shows as swatches (tokens.css).
SWATCHES = [
    "--color-text", "--color-text-muted", "--color-bg", "--color-surface", "--color-border",
    "--color-link", "--color-primary", "--color-focus", "--color-info", "--color-success",
    "--color-warning", "--color-error", "--color-accent", "--color-neutral",
]  # fmt: skip


def styleguide(request: HttpRequest) -> HttpResponse:
    """The living pattern page: every shared component with sample data (docs/design.md).
    Staff (is_staff) or DEBUG only; anyone else gets 404, as if it did not exist."""
    if not (settings.DEBUG or request.user.is_staff):
        raise Http404
    now = timezone.now()
    page = Paginator(range(1, 241), 10).get_page(request.GET.get("page", 6))
    tabs = [
        Tab(_("New"), "?tab=new", 12, current=True),
        Tab(_("In progress"), "?tab=progress", 1402),
        Tab(_("Answered"), "?tab=answered", 0),
    ]
    stages = [
        Step(_("Collecting ideas"), now - timedelta(days=40), now - timedelta(days=20), "done"),
        Step(_("Discussion"), now - timedelta(days=20), now + timedelta(days=5), "current"),
        Step(_("Results"), now + timedelta(days=5), now + timedelta(days=15)),
    ]
    samples = {
        "moment": now,
        "day": (now - timedelta(days=3)).date(),
        "count": 402000,
        "share": Decimal("3.5"),
        "amount": Decimal("1250000"),
        "amount_with_kopecks": Decimal("1250.5"),
    }
    chart = [
        {"label": _("Sports ground"), "count": 7432},
        {"label": _("Park with a playground"), "count": 5120},
        {"label": _("Embankment lighting"), "count": 1204},
        {"label": _("Nothing of these"), "count": 0},
    ]
    context = {
        "chart": chart,
        "swatches": SWATCHES,
        "badge_tones": BADGE_TONES,
        "page": page,
        "tabs": tabs,
        "stages": stages,
        "samples": samples,
        "form": SampleForm(),
    }
    return render(request, "core/styleguide.html", context)


@require_POST
def toggle_low_vision(request: HttpRequest) -> HttpResponse:
    """Switch the version for the visually impaired on or off, or change one of its settings
    (size, scheme, images, spacing: each a button of the panel); the cookie keeps them a year.
    An unknown value is ignored, so a stale or forged form cannot break the page."""
    response = redirect(safe_next(request, "/"))
    if request.POST.get("enable") == "0":
        delete_preference_cookie(response, ACCESSIBILITY_COOKIE)
    else:
        chosen = (request.low_vision or LowVision()).changed(request.POST)
        set_preference_cookie(response, ACCESSIBILITY_COOKIE, chosen.to_cookie())
    return response


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler403: the refusal's reason in the base layout, in the reader's language."""
    if isinstance(exception, PermissionDenied):
        reason = refusal_message(exception)
    else:
        reason = _("You may not do this.")
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": reason}, status=403)
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: the page in the base layout; JSON under the API."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent without a valid token (often an old tab) gets the 403 page
    with what to do, instead of Django's English one."""
    message = _("The form has expired. Go back, reload the page and send the form again.")
    return permission_denied(request, PermissionDenied(message))


# --- Discovery: sitemap, robots.txt; installing the portal: manifest, service worker ----------

# Staff, accounts and programs' addresses: nothing there for a search engine.
ROBOTS_DISALLOW = (
    "/admin/", "/staff/", "/accounts/", "/workspace/", "/moderation/", "/content/work/",
    "/api/", "/api-tokens/", "/notifications/", "/i18n/",
)  # fmt: skip


def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """All registered sections in one sitemap, or an index of them past SITEMAP_MAX_URLS."""
    from django.contrib.sitemaps import views as sitemap_views

    from .sitemaps import max_urls, sitemaps

    maps = sitemaps()
    limit = max_urls()
    for section in maps.values():
        section.limit = limit
    if sum(section.paginator.count for section in maps.values()) <= limit:
        return sitemap_views.sitemap(request, sitemaps=maps)
    return sitemap_views.index(request, sitemaps=maps, sitemap_url_name="core:sitemap_section")


def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    from django.contrib.sitemaps import views as sitemap_views

    from .sitemaps import max_urls, sitemaps

    maps = sitemaps()
    for item in maps.values():
        item.limit = max_urls()
    return sitemap_views.sitemap(request, sitemaps=maps, section=section)


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {settings.SITE_URL}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: the portal installs on a phone (the seeds' native apps' place)."""
    from django.templatetags.static import static

    data = {
        "name": settings.PORTAL_NAME,
        "short_name": settings.PORTAL_NAME[:12],
        "description": _("Open-government portal of %(region)s")
        % {"region": getattr(settings, "REGION_NAME", "")},
        "lang": "ru",
        "start_url": "/?source=app",
        "scope": "/",
        "id": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b4f9c",
        "icons": [
            {"src": static(f"core/icons/icon-{size}.png"), "sizes": f"{size}x{size}",
             "type": "image/png", "purpose": "any"}
            for size in (192, 512)
        ] + [
            {"src": static("core/icons/maskable-512.png"), "sizes": "512x512",
             "type": "image/png", "purpose": "maskable"}
        ],
    }  # fmt: skip
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, served from the site's root so its scope is the whole portal: pages
    come from the network; without one, the offline page kept at install time."""
    from django.templatetags.static import static

    response = render(
        request,
        "core/sw.js",
        {
            "offline_url": "/offline/",
            "assets": [static("core/tokens.css"), static("core/veche.css")],
        },
        content_type="application/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "core/offline.html")
