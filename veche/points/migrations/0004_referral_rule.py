from django.db import migrations


def load(apps, schema_editor):
    from veche.points.defaults import load_default_rules

    load_default_rules(apps.get_model("points", "Rule"))


class Migration(migrations.Migration):
    dependencies = [("points", "0003_referrals")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
