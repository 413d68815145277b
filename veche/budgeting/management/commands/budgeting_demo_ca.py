"""manage.py budgeting_demo_ca [--folder var/demo-ca]: a demo certification authority and a
signing certificate for each demo expert (every expert and chair of a commission), written as PEM
files, each certificate registered in its expert's profile. Point BUDGETING_TRUSTED_CAS at the
printed ca.crt (the dev settings do when it exists). Run again: the CA and the certificates that
exist are kept. Never for production (docs/budgeting-signatures.md)."""

from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from veche.budgeting.demo_ca import Issued, make_ca, make_signer
from veche.budgeting.demo_evaluation import demo_experts
from veche.budgeting.services.sheets import certificate_register


def _load(folder: Path, stem: str) -> Issued | None:
    crt, key = folder / f"{stem}.crt", folder / f"{stem}.key"
    if not (crt.is_file() and key.is_file()):
        return None
    return Issued(
        serialization.load_pem_private_key(key.read_bytes(), password=None),
        x509.load_pem_x509_certificate(crt.read_bytes()),
    )


class Command(BaseCommand):
    help = "Make a demo CA and a signing certificate for each demo expert (never in production)."

    def add_arguments(self, parser):
        parser.add_argument("--folder", default=str(Path(settings.BASE_DIR) / "var" / "demo-ca"))

    def handle(self, *args, folder: str, **options):
        root = Path(folder)
        ca = _load(root, "ca")
        if ca is None:
            ca = make_ca()
            ca.write(root, "ca")
        self.stdout.write(f"CA: {root / 'ca.crt'}")
        for expert in demo_experts():
            stem = expert.email.split("@")[0]
            issued = _load(root, stem)
            if issued is None:
                issued = make_signer(ca, expert.public_name or stem, expert.email)
                issued.write(root, stem)
            try:
                certificate_register(user=expert, data=issued.certificate_pem)
                note = "registered"
            except ValidationError:
                note = "already registered"
            self.stdout.write(f"{expert.email}: {root / stem}.crt, {root / stem}.key ({note})")
        self.stdout.write(f"Trust it: BUDGETING_TRUSTED_CAS={root / 'ca.crt'}")
