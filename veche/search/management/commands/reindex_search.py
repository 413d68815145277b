from django.core.management.base import BaseCommand, CommandError

from veche.search.kinds import searchable_kinds
from veche.search.services import reindex


class Command(BaseCommand):
    help = "Rebuild the site-wide search index (every registered kind, or the kinds named)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="e.g. reports.report ideas.idea")

    def handle(self, *args, kinds, **options):
        known = {spec.kind for spec in searchable_kinds()}
        unknown = sorted(set(kinds) - known)
        if unknown:
            raise CommandError(
                f"Unknown kinds: {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        for kind, count in reindex(kinds or None).items():
            self.stdout.write(f"{kind}: {count}")
