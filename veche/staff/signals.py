"""Keep `User.holds_roles` true exactly while the user holds a role assignment.

Every assignment and removal goes through the ORM (services, admin, factories, demo), so the
signals see them all; the flag lets role checks skip the query for users with no role.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, post_save

from .models import RoleAssignment


def _refresh_flag(sender, instance: RoleAssignment, **_kwargs) -> None:
    holds = RoleAssignment.objects.filter(user=OuterRef("pk"))
    get_user_model().objects.filter(pk=instance.user_id).update(holds_roles=Exists(holds))
    if RoleAssignment.user.is_cached(instance):
        user = instance.user
        user.holds_roles = RoleAssignment.objects.filter(user_id=user.pk).exists()


def connect() -> None:
    post_save.connect(_refresh_flag, sender=RoleAssignment, dispatch_uid="staff-holds-roles-save")
    post_delete.connect(_refresh_flag, sender=RoleAssignment, dispatch_uid="staff-holds-roles-del")
