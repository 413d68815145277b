"""The REST API root at /api/v1: each app adds its router here."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Veche API",
    version="1",
    description="REST API of the Veche open-government portal.",
    urls_namespace="api",
)


@api.get("/health", auth=None, tags=["service"])
def health(request):
    return {"status": "ok"}


api.add_router("/territory", "veche.territory.api.router")
