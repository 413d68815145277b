"""The rewards desk's members: operators a regional admin adds, audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from veche.staff.predicates import is_operator
from veche.staff.services import audit_log

from ..models import DeskMember
from ._common import require


def desk_member_add(*, actor, user) -> DeskMember:
    require(actor, "points.manage_desk", None, _("Only a regional admin manages the rewards desk."))
    if not is_operator(user):
        raise ValidationError(_("Only an operator can join the rewards desk."), code="not_operator")
    with transaction.atomic():
        member, created = DeskMember.objects.get_or_create(user=user, defaults={"added_by": actor})
        if created:
            audit_log(actor=actor, action="points.desk_member_add", target=user)
        return member


def desk_member_remove(*, actor, user) -> None:
    require(actor, "points.manage_desk", None, _("Only a regional admin manages the rewards desk."))
    with transaction.atomic():
        deleted, _rows = DeskMember.objects.filter(user=user).delete()
        if deleted:
            audit_log(actor=actor, action="points.desk_member_remove", target=user)
