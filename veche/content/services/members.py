"""The municipalities taking part in open government (/open-government/): added, changed and
removed by the administration of the municipality's territory or its content editors; each change
audited and recorded as an event."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from veche.events.services import record_event
from veche.staff.services import audit_log

from ..models import OpenGovernmentMember
from ..rules import Scope
from ._common import plain, require

NOT_MEMBER_KEEPER = gettext_lazy(
    "Only the administration of this municipality's territory or its content editors say how it "
    "takes part in open government."
)


def member_save(
    *, actor, municipality, joined_on: date, practices: str = ""
) -> OpenGovernmentMember:
    """Add the municipality to open government, or change since when and what it practises."""
    require(actor, "content.change_member", Scope(municipality), NOT_MEMBER_KEEPER)
    try:
        with transaction.atomic():
            return _member_apply(actor, municipality, joined_on, plain(practices))
    except IntegrityError:  # added meanwhile by someone else: the one-per-municipality rule
        raise ValidationError(
            _("This municipality was just added by someone else; open it again."), code="conflict"
        ) from None


def _member_apply(actor, municipality, joined_on: date, practices: str) -> OpenGovernmentMember:
    """Writes the row, its event and audit row; the row (if any) is locked here."""
    member = (
        OpenGovernmentMember.objects.select_for_update().filter(municipality=municipality).first()
    )
    created = member is None
    member = member or OpenGovernmentMember(municipality=municipality)
    before = {} if created else {"joined_on": member.joined_on.isoformat()}
    member.joined_on = joined_on
    member.practices = practices
    member.full_clean(validate_unique=False)
    member.save()
    action = "open_government_add" if created else "open_government_change"
    _recorded(actor, member, action, {**before, "now": joined_on.isoformat()})
    return member


@transaction.atomic
def member_remove(*, actor, member: OpenGovernmentMember) -> None:
    require(actor, "content.change_member", member, NOT_MEMBER_KEEPER)
    _recorded(actor, member, "open_government_remove", {"joined_on": member.joined_on.isoformat()})
    member.delete()


def _recorded(actor, member: OpenGovernmentMember, action: str, details: dict) -> None:
    record_event(
        kind=f"content.{action}",
        subject=member,
        actor=actor,
        territory=member.municipality_id,
        payload=details,
    )
    audit_log(actor=actor, action=f"content.{action}", target=member, details=details)
