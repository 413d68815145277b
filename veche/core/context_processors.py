from django.conf import settings


def portal(request) -> dict:
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "REGION_NAME": settings.REGION_NAME,
        "low_vision": getattr(request, "low_vision", False),
    }
