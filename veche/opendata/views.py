"""The catalogue page and the downloads: files written by `opendata_build`, not queries."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from veche.core.opendata import dataset as find_dataset
from veche.core.opendata import datasets

from .build import formats_of, licence, read_catalogue, root

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "geojson": "application/geo+json",
}


@require_safe
def catalogue(request):
    built = read_catalogue() or {"datasets": {}}
    entries = [
        {
            "dataset": item,
            "rows": built["datasets"].get(item.slug, {}).get("rows"),
            "formats": formats_of(item) if item.slug in built["datasets"] else (),
        }
        for item in datasets()
    ]
    return render(
        request,
        "opendata/catalogue.html",
        {"entries": entries, "built_at": built.get("built_at"), "licence": licence()},
    )


@require_safe
def download(request, slug: str, fmt: str):
    item = find_dataset(slug)
    if item is None or fmt not in formats_of(item):
        raise Http404
    path = root() / f"{slug}.{fmt}"
    if not path.is_file():
        raise Http404
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"veche-{slug}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )
