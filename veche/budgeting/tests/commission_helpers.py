"""A contest in its expert evaluation stage with three criteria (two scored by the experts, one
computed from the residents' share), three admitted applications, a chair and an expert each
assigned everything; and a demo CA with a certificate for each of them, registered in their
profiles. Signing shells out to `openssl cms -sign`, as an expert does."""

import subprocess
import tempfile
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.budgeting import stages
from veche.budgeting.demo_ca import Issued, make_ca, make_signer
from veche.budgeting.models import (
    Application,
    CommissionMember,
    Criterion,
    ExpertCertificate,
)
from veche.budgeting.services import commission
from veche.budgeting.signatures import certificate_fingerprint
from veche.budgeting.tests.factories import ContestFactory, add_group, add_template

KINDS = (stages.APPLICATIONS, stages.TECHNICAL_REVIEW, stages.EXPERT_EVALUATION, stages.RESULTS)


def scoring_contest(world, *, applications: int = 3):
    contest = ContestFactory(
        municipality=world.surgut, stage=stages.EXPERT_EVALUATION, stage__kinds=KINDS
    )
    version = add_template(contest)
    social = Criterion.objects.create(
        contest=contest, title="Социальная значимость", max_score=10, weight=2, position=1
    )
    quality = Criterion.objects.create(
        contest=contest, title="Проработанность", max_score=5, weight=1, position=2
    )
    share = Criterion.objects.create(
        contest=contest,
        title="Доля жителей",
        max_score=5,
        weight=1,
        source="application",
        formula="residents_share",
        position=3,
    )
    group = add_group(world.resident, world.surgut)
    apps = []
    for number in range(applications):
        cost = Decimal(1_000_000)
        residents = Decimal(50_000 * (number + 1))
        apps.append(
            Application.objects.create(
                contest=contest,
                version=version,
                kind="group",
                group=group,
                municipality=world.surgut,
                author=world.resident,
                title=f"Двор {number + 1}",
                status=Application.Status.ADMITTED,
                submitted_at=timezone.now() - timedelta(days=10 - number),
                cost=cost,
                amount_residents=residents,
                amount_municipality=cost - residents,
            )
        )
    chair = UserFactory(first_name="Ольга", last_name="Председателева")
    expert = UserFactory(first_name="Иван", last_name="Экспертов")
    commission.member_add(user=world.surgut_admin, contest=contest, person=chair, role="chair")
    commission.member_add(user=world.surgut_admin, contest=contest, person=expert, role="expert")
    commission.assign(user=world.surgut_admin, contest=contest)
    return SimpleNamespace(
        contest=contest,
        criteria=SimpleNamespace(social=social, quality=quality, share=share),
        applications=apps,
        chair=chair,
        expert=expert,
    )


def assignment_of(user, application):
    return application.assignments.get(member__user=user)


def score_everything(world, setup) -> None:
    for user in (setup.chair, setup.expert):
        for number, application in enumerate(setup.applications):
            commission.scores_save(
                user=user,
                assignment=assignment_of(user, application),
                scores=[
                    commission.ScoreIn(setup.criteria.social.pk, str(4 + number), "Важно"),
                    commission.ScoreIn(setup.criteria.quality.pk, "3.5", ""),
                ],
            )


class Pki:
    """A demo CA in a temporary folder, certificates for people, signing with openssl."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.ca = make_ca()
        self.ca_path, _key = self.ca.write(folder, "ca")

    def issue(self, user, *, register: bool = True, ca: Issued | None = None, **kwargs) -> Issued:
        issued = make_signer(ca or self.ca, user.public_name or "expert", user.email, **kwargs)
        if register:
            from asn1crypto import x509 as asn1_x509
            from cryptography.hazmat.primitives import serialization

            der = issued.certificate.public_bytes(serialization.Encoding.DER)
            ExpertCertificate.objects.create(
                user=user,
                sha256=certificate_fingerprint(asn1_x509.Certificate.load(der)),
                subject=user.public_name,
                issuer="demo",
                not_after=issued.certificate.not_valid_after_utc,
            )
        return issued

    def sign(self, data: bytes, issued: Issued, *, pem: bool = False, certfile=None) -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            crt, key = issued.write(folder, "signer")
            (folder / "sheet.pdf").write_bytes(data)
            out = folder / "sheet.pdf.sig"
            command = [
                "openssl", "cms", "-sign", "-binary",
                "-in", str(folder / "sheet.pdf"),
                "-signer", str(crt), "-inkey", str(key),
                "-outform", "PEM" if pem else "DER", "-out", str(out),
            ]  # fmt: skip
            if certfile:
                command += ["-certfile", str(certfile)]
            subprocess.run(command, check=True, capture_output=True)
            return out.read_bytes()


def expired_window() -> dict:
    return {"not_before": datetime.now(UTC) - timedelta(days=400), "days": 365}


def axe_world(town, expert, resident) -> dict:
    """For the axe-everywhere test: a contest being scored (`expert` chairs its commission, with
    an assignment half scored) and one whose sheet awaits signatures (one refusal recorded)."""
    from veche.budgeting.services import sheets
    from veche.staff.models import Role
    from veche.staff.tests.factories import RoleAssignmentFactory

    organizer = RoleAssignmentFactory(role=Role.MUNICIPAL_ADMIN, municipality=town).user
    names = {}
    for key in ("scoring_contest", "signing_contest"):
        world = SimpleNamespace(surgut=town, surgut_admin=organizer, resident=resident)
        setup = scoring_contest(world, applications=2)
        other = setup.chair
        CommissionMember.objects.filter(user=other).update(role="expert")
        CommissionMember.objects.filter(user=setup.expert).update(user=expert, role="chair")
        setup.chair, setup.expert = expert, other
        expert.__dict__.pop("_veche_commission_roles", None)  # the rules' per-request cache
        if key == "signing_contest":
            score_everything(world, setup)
            sheet = sheets.sheet_generate(user=expert, contest=setup.contest)
            sheets.sheet_refuse(user=other, sheet=sheet, reason="Не согласен с рейтингом")
        else:
            commission.scores_save(
                user=expert,
                assignment=assignment_of(expert, setup.applications[0]),
                scores=[commission.ScoreIn(setup.criteria.social.pk, "7", "Нужен жителям")],
            )
            names["assignment"] = assignment_of(expert, setup.applications[0]).pk
        names[key] = setup.contest.pk
    return names
