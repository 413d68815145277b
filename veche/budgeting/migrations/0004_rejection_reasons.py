from django.db import migrations

REASONS = [
    ("incomplete", "The application is incomplete and was not completed in time."),
    ("not-eligible", "The project does not fit the contest's directions."),
    ("not-municipal", "The project concerns property that is not municipal."),
    ("cost", "The cost estimate is not justified or exceeds the subsidy cap."),
    ("cofinancing", "The co-financing does not meet the contest's minimums."),
    ("duplicate", "The same project is already financed or applied for."),
]


def load(apps, schema_editor):
    reason = apps.get_model("budgeting", "RejectionReason")
    for order, (code, text) in enumerate(REASONS, start=1):
        reason.objects.get_or_create(code=code, defaults={"text": text, "order": order})


class Migration(migrations.Migration):
    dependencies = [("budgeting", "0003_applications")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
