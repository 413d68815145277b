"""Who an Open311 request is filed as. A key whose account may file on behalf (every key made
by `create_api_key`) files for the resident named by `email`; otherwise the key's own account is
the author."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from veche.api.models import ApiToken
from veche.api.selectors import api_token_by_key, token_refusal
from veche.api.services import api_token_touch
from veche.core.text import clean_text

from .params import email as contact_email
from .params import one
from .services import resident_for_contact


class AuthorError(Exception):
    pass


def token_for_key(key: str | None) -> ApiToken | None:
    token = api_token_by_key(key or "")
    if token_refusal(token):
        return None
    api_token_touch(token=token)
    return token


def author_for(account, params: dict):
    """(author, filed_by) for report_submit."""
    email = contact_email(params)
    if email and account.has_perm("reports.file_on_behalf"):
        try:
            resident = resident_for_contact(
                email=email,
                first_name=clean_text(one(params, "first_name") or ""),
                last_name=clean_text(one(params, "last_name") or ""),
            )
        except ValidationError as error:  # a bad address is the client's input: a 400
            raise ValidationError(_("The e-mail address is not valid.")) from error
        if not resident.is_active or resident.deleted_at:
            raise AuthorError(_("This resident's account is closed."))
        return resident, account
    return account, None
