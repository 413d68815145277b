from django.conf import settings

# Settings every page's layout shows (header and footer).
PORTAL_SETTINGS = (
    "PORTAL_NAME",
    "REGION_NAME",
    "PORTAL_EMBLEM",
    "PORTAL_OPERATOR",
    "PORTAL_CONTACT_EMAIL",
    "PORTAL_CONTACT_PHONE",
    "PORTAL_CONTACT_ADDRESS",
    "PORTAL_PRIVACY_URL",
    "APPEALS_LAW_URL",
    "SITE_URL",
)


def portal(request) -> dict:
    context = {name: getattr(settings, name, "") for name in PORTAL_SETTINGS}
    context["low_vision"] = getattr(request, "low_vision", False)
    return context
