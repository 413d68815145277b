"""Periodic: copy new events of the log to ClickHouse (docs/warehouse.md)."""

from django.core.management.base import BaseCommand, CommandError

from veche.warehouse.exporter import BATCH, configured_sink, export


class Command(BaseCommand):
    help = "Export new events to ClickHouse (CLICKHOUSE_URL); nothing when it is not set."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=BATCH)

    def handle(self, *args, batch, **options):
        try:
            sink = configured_sink()
        except Exception as error:  # noqa: BLE001 - an unreachable server at connect time
            raise CommandError(f"ClickHouse is unreachable, nothing exported: {error}") from error
        if sink is None:
            self.stdout.write("CLICKHOUSE_URL is not set: the export is off.")
            return
        outcome = export(sink, batch=batch)
        if outcome.error:
            raise CommandError(
                f"Exported {outcome.exported} events, then ClickHouse failed: {outcome.error}"
            )
        self.stdout.write(f"Exported {outcome.exported} events in {outcome.batches} batches.")
