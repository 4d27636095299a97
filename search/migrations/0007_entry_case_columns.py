"""The entry carries the case's columns that staff search filters, counts and sorts on;
a trigger on the case copies them in the case's own transaction whenever one changes
(search.models explains why). Existing entries are filled from their cases.

On SQLite, a later migration that rebuilds workflow_case (Django copies the table to alter
a column) drops the trigger with the old table: it must create it again (`create_trigger`);
tests/search/test_case_columns.py fails until it does, `search_health` reports it missing
and `search_rebuild` creates it again."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


# As search.models.CASE_COLUMNS (a migration keeps its own copy).
COLUMNS = (
    "reference",
    "status",
    "kind",
    "channel",
    "language",
    "category_id",
    "team_id",
    "priority_id",
    "handler_id",
    "escalation_level",
    "received_at",
    "due_at",
)


def create_trigger(apps, schema_editor):
    from search.backends.database import case_columns_trigger_statements

    for statement in case_columns_trigger_statements(schema_editor.connection.vendor, COLUMNS):
        schema_editor.execute(statement)


def drop_trigger(apps, schema_editor):
    from search.backends.database import case_columns_trigger_drop_statements

    for statement in case_columns_trigger_drop_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def fill(apps, schema_editor):
    columns = ", ".join(COLUMNS)
    schema_editor.execute(
        f"UPDATE search_casesearchentry SET ({columns}) = (SELECT {columns} FROM workflow_case "
        "WHERE workflow_case.id = search_casesearchentry.case_id)"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0006_analysed_tokens'),
        ('workflow', '0016_organisation_settings'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='casesearchentry',
            name='category',
            field=models.ForeignKey(db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='workflow.category'),
        ),
        migrations.AddField(
            model_name='casesearchentry',
            name='channel',
            field=models.CharField(blank=True, max_length=10),
        ),
        migrations.AddField(
            model_name='casesearchentry',
            name='due_at',
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name='casesearchentry',
            name='escalation_level',
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='casesearchentry',
            name='handler',
            field=models.ForeignKey(db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='casesearchentry',
            name='kind',
            field=models.CharField(blank=True, max_length=12),
        ),
        migrations.AddField(
            model_name='casesearchentry',
            name='language',
            field=models.CharField(blank=True, max_length=8),
        ),
        migrations.AddField(
            model_name='casesearchentry',
            name='priority',
            field=models.ForeignKey(db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='workflow.priority'),
        ),
        migrations.AddField(
            model_name='casesearchentry',
            name='received_at',
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name='casesearchentry',
            name='reference',
            field=models.CharField(blank=True, max_length=16),
        ),
        migrations.AddField(
            model_name='casesearchentry',
            name='status',
            field=models.CharField(blank=True, max_length=16),
        ),
        migrations.AddField(
            model_name='casesearchentry',
            name='team',
            field=models.ForeignKey(db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='workflow.team'),
        ),
        migrations.RunPython(create_trigger, drop_trigger),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
