"""The signed sheet as one archive anyone can verify with openssl: the PDF, its SHA-256, each
signature (DER), each signer's certificate (PEM, taken from his signature) and a README with the
`openssl cms -verify` commands."""

import io
import zipfile

from asn1crypto import cms, pem

from .models import EvaluationSheet

README = """Evaluation sheet No. {number}: {title}
SHA-256 of sheet.pdf: {sha256}

Verify each signature (CA.pem: the certification authority you trust for the experts):

{commands}
"""


def _signer_pem(der: bytes) -> bytes:
    signed = cms.ContentInfo.load(der)["content"]
    certificates = [c.chosen for c in signed["certificates"] or [] if c.name == "certificate"]
    return b"".join(pem.armor("CERTIFICATE", c.dump()) for c in certificates)


def signature_name(number: int, signature) -> str:
    """`01-expert-7.p7s`: the order of signing and the commission seat (the PDF names him)."""
    return f"{number:02d}-expert-{signature.member_id}.p7s"


def bundle(sheet: EvaluationSheet, signatures) -> bytes:
    buffer = io.BytesIO()
    commands = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sheet.pdf", bytes(sheet.content))
        archive.writestr("sheet.pdf.sha256", f"{sheet.sha256}  sheet.pdf\n")
        for number, signature in enumerate((s for s in signatures if not s.refused), start=1):
            name = signature_name(number, signature)
            der = bytes(signature.signature)
            archive.writestr(f"signatures/{name}", der)
            archive.writestr(f"certificates/{name[:-4]}.pem", _signer_pem(der))
            commands.append(
                f"openssl cms -verify -binary -inform DER -in signatures/{name} "
                "-content sheet.pdf -CAfile CA.pem -purpose any -out /dev/null"
            )
        archive.writestr(
            "README.txt",
            README.format(
                number=sheet.number,
                title=sheet.contest.title,
                sha256=sheet.sha256,
                commands="\n".join(commands) or "(no signatures yet)",
            ),
        )
    return buffer.getvalue()
