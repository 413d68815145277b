"""Infrastructure objects in the site-wide search (veche/search): every object of the registry
is public, as on its map and list."""

from veche.search.registry import Document, SearchKind

from .models import Facility


def _document(item: Facility) -> Document:
    return Document(
        title=item.name,
        url=item.get_absolute_url(),
        public=True,
        moment=item.updated_at,
        text=" ".join(
            (item.address, item.category.name, item.programme, item.contractor, item.description)
        ),
        excerpt=item.description or item.address,
        municipality_id=item.municipality_id,
    )


def search_kind() -> SearchKind:
    return SearchKind(
        kind="infrastructure.facility",
        label=Facility._meta.verbose_name_plural,
        model=Facility,
        document=_document,
        rows=lambda: Facility.objects.select_related("category"),
        order=55,
    )
