"""Load the official calendar of the data file, so every database counts holidays from the start.

Later updates of data/ru.json reach existing databases through `manage.py load_calendar`.
"""

from django.conf import settings
from django.db import migrations
from django.utils import translation


def load(apps, schema_editor):
    from veche.workdays import official
    from veche.workdays.services import official_load_apply

    model = apps.get_model("workdays", "CalendarDay")
    years = official.available_years()
    with translation.override(settings.LANGUAGE_CODE):
        days = official.official_days(years)
    official_load_apply(model, days, years)


def unload(apps, schema_editor):
    apps.get_model("workdays", "CalendarDay").objects.filter(source="official").delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
