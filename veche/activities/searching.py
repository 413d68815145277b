"""Children's programmes in the site-wide search (veche/search): every programme is public."""

from veche.search.registry import Document, SearchKind

from .models import Programme


def _document(programme: Programme) -> Document:
    organization = programme.organization
    return Document(
        title=programme.title,
        url=programme.get_absolute_url(),
        public=True,
        moment=programme.updated_at,
        text=" ".join(
            (
                programme.get_direction_display(),
                programme.description,
                organization.name,
                organization.address,
            )
        ),
        excerpt=f"{organization.name}. {programme.description}",
        municipality_id=organization.municipality_id,
    )


def search_kind() -> SearchKind:
    return SearchKind(
        kind="activities.programme",
        label=Programme._meta.verbose_name_plural,
        model=Programme,
        document=_document,
        rows=lambda: Programme.objects.select_related("organization"),
        order=70,
    )
