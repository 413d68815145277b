"""Prepares the giving-capital benchmark (bench/capital.py): 250 verified residents with API keys
and a million of virtual capital each, 50 projects with goals out of reach. Tops up: a second
run reuses them and gives the capital spent back.

    DATABASE_URL=… python bench/prepare_capital.py --keys var/bench-capital-keys.txt
"""

import argparse
import os
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.prepare import keys, residents  # noqa: E402
from veche.community.models import Project  # noqa: E402
from veche.community.services import capital_account, issuing_account  # noqa: E402
from veche.ledger.services import post  # noqa: E402

CAPITAL = 1_000_000
PROJECTS = 50


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=Path, required=True)
    parser.add_argument("--residents", type=int, default=300)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    people = residents(args.residents)
    type(people[0]).objects.filter(pk__in=[p.pk for p in people]).update(
        verified_at=timezone.now(), verification_method="phone"
    )
    owner, givers = people[0], people[50:]
    keys(givers, args.keys)
    have = Project.objects.filter(title__startswith="Бенчмарк: проект").count()
    Project.objects.bulk_create(
        Project(
            title=f"Бенчмарк: проект {n}",
            owner=owner,
            goal=2_000_000_000,
            deadline=timezone.localdate() + timedelta(days=3650),
        )
        for n in range(have, PROJECTS)
    )
    issuer = issuing_account()
    for person in givers:
        account = capital_account(person)
        short = CAPITAL - account.balance
        if short > 0:
            with transaction.atomic():
                post(
                    key=f"bench.capital:{person.pk}:{account.balance}:{timezone.now().timestamp()}",
                    kind="bench",
                    legs=[(issuer, -short), (account, short)],
                )
    print(f"{len(givers)} givers with {CAPITAL} each, {PROJECTS} projects")


if __name__ == "__main__":
    main()
