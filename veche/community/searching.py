"""NGOs, activists and community projects in the site-wide search (veche/search): an NGO or an
activist once a moderator approved it (a pending or rejected entry is not public), every
project."""

from veche.search.registry import Document, SearchKind

from .models import Activist, Organization, Project, Review


def _organization(entry: Organization) -> Document:
    return Document(
        title=entry.name,
        url=entry.get_absolute_url(),
        public=entry.status == Review.APPROVED,
        moment=entry.created_at,
        text=" ".join((entry.get_kind_display(), entry.get_direction_display(), entry.description)),
        excerpt=entry.description[:300],
        municipality_id=entry.municipality_id,
    )


def _activist(entry: Activist) -> Document:
    return Document(
        title=entry.name,
        url=entry.get_absolute_url(),
        public=entry.status == Review.APPROVED,
        moment=entry.created_at,
        text=" ".join((entry.get_direction_display(), entry.about)),
        excerpt=entry.about[:300],
        municipality_id=entry.municipality_id,
    )


def _project(project: Project) -> Document:
    return Document(
        title=project.title,
        url=project.get_absolute_url(),
        public=True,
        moment=project.created_at,
        text=project.description,
        excerpt=project.description[:300],
        municipality_id=project.municipality_id,
    )


def search_kinds() -> list[SearchKind]:
    return [
        SearchKind(
            kind="community.organization",
            label=Organization._meta.verbose_name_plural,
            model=Organization,
            document=_organization,
            rows=lambda: Organization.objects.all(),
            watch=("status", "name", "description", "kind", "direction", "municipality"),
            order=80,
        ),
        SearchKind(
            kind="community.activist",
            label=Activist._meta.verbose_name_plural,
            model=Activist,
            document=_activist,
            rows=lambda: Activist.objects.all(),
            watch=("status", "name", "about", "direction", "municipality"),
            order=81,
        ),
        SearchKind(
            kind="community.project",
            label=Project._meta.verbose_name_plural,
            model=Project,
            document=_project,
            rows=lambda: Project.objects.all(),
            watch=("title", "description", "municipality"),
            order=82,
        ),
    ]
