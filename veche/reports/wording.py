"""How sentences name an agency. Russian needs the name's case after «направлено в»: the agency
stores its accusative («Администрацию города Сургута»); without it the sentence names the
agency as «ведомство «…»», so the name itself stays in the nominative."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veche.agencies.models import Agency


def agency_to(agency: Agency) -> str:
    """The agency as the object of "sent to", in the current language."""
    if agency.name_accusative:
        return agency.name_accusative
    return _("the agency «%(name)s»") % {"name": agency.name}


def sent_to_message(agency: Agency) -> tuple[str, dict]:
    """The timeline's "sent to" line as a message id and its parameters (rendered later, in each
    reader's language): with the stored accusative, or with the name in the nominative."""
    params = {"agency": agency.name}
    if agency.name_accusative:
        params["agency_to"] = agency.name_accusative
        return gettext_noop("Sent to %(agency_to)s."), params
    return gettext_noop("Sent to %(agency)s."), params
