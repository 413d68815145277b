"""Detached CMS (PKCS#7) signatures over an evaluation sheet, verified with pyHanko and
pyhanko-certvalidator (issue 13, point 2; docs/budgeting-signatures.md).

`verify_detached(data, signature, moment=)` accepts DER or PEM, one signer, a detached
signature; it checks, each with its own message: the signature matches `data`; the signer's
certificate is valid at `moment` (the upload); its chain leads, through the intermediate
certificates the signature carries, to a CA of `BUDGETING_TRUSTED_CAS`. It returns the
certificate's SHA-256 fingerprint (what an expert registers in his profile), its subject and the
signed `signingTime`, if present. The server never sees a private key.

**Where GOST plugs in**: the digest and signature algorithms are pyHanko's
(`algorithm_policy`: RSA, ECDSA, EdDSA with SHA-2). Russian qualified signatures use GOST R
34.10-2012 with GOST R 34.11-2012 (Streebog) digests; a GOST-capable `SignatureValidator`
(e.g. over a CryptoPro/OpenSSL-gost engine) would be passed in `_policy()` below, and
`certificate_fingerprint` stays SHA-256 of the DER certificate whatever the algorithm. Nothing
else here depends on the algorithm.
"""

import asyncio
import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import cms, pem, x509
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from veche.core.formats import local_datetime

MAX_SIGNATURE_BYTES = 256 * 1024


class SignatureRefused(ValueError):
    """Why a signature is refused, in words (`code` names the check for tests and the API)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Verified:
    der: bytes
    certificate_sha256: str
    subject: str
    signing_time: datetime | None


def certificate_fingerprint(certificate: x509.Certificate) -> str:
    return hashlib.sha256(certificate.dump()).hexdigest()


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """The certificates of a PEM (one or several) or DER file."""
    if pem.detect(data):
        return [x509.Certificate.load(der) for _kind, _headers, der in pem.unarmor(data, True)]
    return [x509.Certificate.load(data)]


def trusted_cas() -> list[x509.Certificate]:
    """The CAs of BUDGETING_TRUSTED_CAS (PEM or DER files); a missing file is an error naming
    the setting."""
    found = []
    for path in getattr(settings, "BUDGETING_TRUSTED_CAS", []):
        file = Path(path)
        if not file.is_file():
            raise ImproperlyConfigured(
                f"BUDGETING_TRUSTED_CAS names {path!r}, which is not a file."
            )
        found.extend(load_certificates(file.read_bytes()))
    return found


def parse_certificate(data: bytes) -> x509.Certificate:
    """One certificate, PEM or DER; anything else is refused with a message."""
    try:
        certificates = load_certificates(data)
        certificates[0].native  # noqa: B018 (parses it all: a broken one fails here)
    except Exception as error:
        raise SignatureRefused(
            "certificate-format", _("This is not an X.509 certificate (PEM or DER).")
        ) from error
    if len(certificates) != 1:
        raise SignatureRefused("certificate-format", _("Upload one certificate, not a chain."))
    return certificates[0]


def _signed_data(signature: bytes) -> tuple[bytes, cms.SignedData]:
    if len(signature) > MAX_SIGNATURE_BYTES:
        raise SignatureRefused("format", _("The signature file is too large."))
    try:
        der = signature
        if pem.detect(signature):
            _kind, _headers, der = pem.unarmor(signature)
        info = cms.ContentInfo.load(der)
        if info["content_type"].native != "signed_data":
            raise ValueError("not signed data")
        signed = info["content"]
        signed.native  # noqa: B018 (parses it all)
    except Exception as error:
        raise SignatureRefused(
            "format",
            _("This is not a CMS (PKCS#7) signature in DER or PEM: sign with «openssl cms -sign»."),
        ) from error
    return der, signed


def _signer_certificate(signed: cms.SignedData) -> x509.Certificate:
    infos = signed["signer_infos"]
    if len(infos) != 1:
        raise SignatureRefused("signers", _("The signature must have exactly one signer."))
    sid = infos[0]["sid"]
    for choice in signed["certificates"] or []:
        certificate = choice.chosen
        if not isinstance(certificate, x509.Certificate):
            continue
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (
                certificate.issuer == wanted["issuer"]
                and certificate.serial_number == wanted["serial_number"].native
            ):
                return certificate
        elif certificate.key_identifier == sid.chosen.native:
            return certificate
    raise SignatureRefused(
        "no-certificate",
        _("The signature does not carry the signer's certificate (do not use -nocerts)."),
    )


def _check_validity(certificate: x509.Certificate, moment: datetime) -> None:
    validity = certificate["tbs_certificate"]["validity"]
    not_before = validity["not_before"].native
    not_after = validity["not_after"].native
    if moment < not_before:
        raise SignatureRefused(
            "not-yet-valid",
            _("The certificate is valid only from %(date)s.")
            % {"date": local_datetime(not_before)},
        )
    if moment > not_after:
        raise SignatureRefused(
            "expired",
            _("The certificate expired on %(date)s.") % {"date": local_datetime(not_after)},
        )


def _check_chain(
    certificate: x509.Certificate, carried: list[x509.Certificate], roots: list[x509.Certificate]
) -> None:
    """Follow issuers by name through the signature's certificates to a trusted CA, so the
    refusal can say which link is missing (pyHanko then validates the path for real)."""
    root_names = {root.subject.dump() for root in roots}
    by_subject = {c.subject.dump(): c for c in carried if c.subject != certificate.subject}
    current = certificate
    for _depth in range(10):
        if current.issuer.dump() in root_names:
            return
        if current.self_signed != "no":
            break
        parent = by_subject.pop(current.issuer.dump(), None)
        if parent is None:
            raise SignatureRefused(
                "unknown-issuer",
                _(
                    "The certificate's issuer «%(issuer)s» is not a CA the portal trusts, and "
                    "the signature does not carry its certificate: if it is an intermediate CA, "
                    "add the chain (openssl cms -sign … -certfile chain.pem); otherwise the "
                    "portal does not trust this CA."
                )
                % {"issuer": current.issuer.human_friendly},
            )
        current = parent
    raise SignatureRefused(
        "unknown-ca",
        _("The certificate is not issued by a CA the portal trusts (its root: «%(root)s»).")
        % {"root": current.issuer.human_friendly},
    )


def _policy():
    """The algorithm policy: pyHanko's default (GOST: a validator that knows GOST goes here)."""
    return None


def verify_detached(data: bytes, signature: bytes, *, moment: datetime) -> Verified:
    from pyhanko.sign.validation.generic_cms import (
        async_validate_detached_cms,
        extract_self_reported_ts,
    )
    from pyhanko_certvalidator import ValidationContext

    der, signed = _signed_data(signature)
    if signed["encap_content_info"]["content"].native is not None:
        raise SignatureRefused(
            "attached",
            _("The signature includes the document: make a detached one (without -nodetach)."),
        )
    certificate = _signer_certificate(signed)
    _check_validity(certificate, moment)
    carried = [c.chosen for c in signed["certificates"] or [] if c.name == "certificate"]
    roots = trusted_cas()
    _check_chain(certificate, carried, roots)
    context = ValidationContext(
        trust_roots=roots,
        other_certs=carried,
        moment=moment,
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    try:
        status = asyncio.run(
            async_validate_detached_cms(
                data, signed, signer_validation_context=context, algorithm_policy=_policy()
            )
        )
    except Exception as error:  # pyHanko's own refusal of a malformed signature
        raise SignatureRefused(
            "invalid", _("The signature cannot be verified: %(why)s") % {"why": error}
        ) from error
    if not (status.intact and status.valid):
        raise SignatureRefused(
            "mismatch",
            _(
                "The signature does not match this sheet: it was made over other bytes "
                "(sign the PDF downloaded from this page, with -binary)."
            ),
        )
    if not status.trusted:
        raise SignatureRefused(
            "untrusted",
            _("The certificate's chain to a trusted CA does not validate (%(why)s).")
            % {"why": status.trust_problem_indic or "?"},
        )
    return Verified(
        der=der,
        certificate_sha256=certificate_fingerprint(certificate),
        subject=certificate.subject.human_friendly[:500],
        signing_time=extract_self_reported_ts(signed["signer_infos"][0]),
    )


def still_intact(data: bytes, signature_der: bytes) -> bool:
    """Whether a stored signature still verifies over `data` (integrity only: trust and the
    certificate's dates were checked at upload)."""
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
    from pyhanko_certvalidator import ValidationContext

    try:
        _der, signed = _signed_data(signature_der)
        status = asyncio.run(
            async_validate_detached_cms(
                data,
                signed,
                signer_validation_context=ValidationContext(
                    trust_roots=[], allow_fetching=False, revocation_mode="soft-fail"
                ),
            )
        )
    except Exception:
        return False
    return bool(status.intact and status.valid)
