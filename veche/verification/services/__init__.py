"""Verification services (writes). Views, the API and the admin call only these."""

from ._common import check_can_start
from .claim import phone_claim_confirm, phone_claim_start
from .document import (
    document_verification_decide,
    document_verification_submit,
    verification_revoke,
)
from .oidc import oidc_link, oidc_sign_in
from .phone import normalize_phone, phone_verification_confirm, phone_verification_start

__all__ = [
    "check_can_start",
    "document_verification_decide",
    "document_verification_submit",
    "normalize_phone",
    "oidc_link",
    "oidc_sign_in",
    "phone_claim_confirm",
    "phone_claim_start",
    "phone_verification_confirm",
    "phone_verification_start",
    "verification_revoke",
]
