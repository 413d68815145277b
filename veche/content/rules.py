"""Named permissions of the information side (docs/content.md, "Who edits").

An item belongs to a municipality or, with none, to the whole region. It is kept by the regional
admin, by the municipal admin of its municipality (SPEC §1), and by a content editor those
admins appointed for that municipality or for the whole region (`ContentEditor`). Heads read and
change nothing here. Editors are appointed by the admin of the territory they will edit.
"""

from dataclasses import dataclass

import rules

from veche.accounts.predicates import is_active_user
from veche.staff.predicates import is_municipal_admin, is_municipal_admin_of, is_regional_admin
from veche.territory.models import Municipality

from .models import ContentEditor


@dataclass(frozen=True)
class Scope:
    """A territory to ask a rule about: a municipality, or None for the whole region."""

    municipality: Municipality | None = None


REGION = Scope()


def municipality_of(obj) -> Municipality | None:
    if isinstance(obj, Scope):
        return obj.municipality
    if isinstance(obj, Municipality):
        return obj
    return getattr(obj, "municipality", None)


def editorships(user) -> list[ContentEditor]:
    """The user's content-editor memberships, read once per request."""
    if not is_active_user(user):
        return []
    cached = getattr(user, "_veche_content_editor", None)
    if cached is None:
        cached = list(ContentEditor.objects.filter(user=user))
        user._veche_content_editor = cached
    return cached


@rules.predicate
def is_content_editor(user) -> bool:
    return bool(editorships(user))


@rules.predicate
def edits_territory(user, obj) -> bool:
    """An editor for the item's municipality, or a region-wide one."""
    municipality = municipality_of(obj)
    for membership in editorships(user):
        if membership.municipality_id is None:
            return True
        if municipality is not None and membership.municipality_id == municipality.pk:
            return True
    return False


@rules.predicate
def admins_territory(user, obj) -> bool:
    """The regional admin; the municipal admin of the item's municipality."""
    municipality = municipality_of(obj)
    if is_regional_admin(user):
        return True
    return municipality is not None and bool(is_municipal_admin_of(user, municipality))


keeps_content = admins_territory | edits_territory
works_on_content = is_regional_admin | is_municipal_admin | is_content_editor

rules.add_perm("content.change_item", keeps_content)
rules.add_perm("content.view_work", works_on_content)
# Which municipalities take part in open government, since when and what they practise.
rules.add_perm("content.change_member", keeps_content)
rules.add_perm("content.appoint_editor", admins_territory)
rules.add_perm("content.view_feedback", works_on_content)
rules.add_perm("content.give_feedback", rules.always_allow)
rules.add_perm("content.attend_event", is_active_user)
