"""On PostgreSQL, an index on the hash that picks a search's sample of cases
(`search.backends.database._sampled`: the case id times a large odd constant, modulo a
prime): a search without words past the exact limit then reads its sample through the
index instead of computing the hash of every case (docs/decisions.md, "The sample read
from an index"). The expression must stay the one `_sampled` writes, or the planner cannot
use the index: tests/search/test_robustness.py checks that it does. SQLite computes the
hash of every case as before."""

from django.db import migrations

# As search.backends.database._SAMPLE_MULTIPLIER and _SAMPLE_MODULUS (a migration keeps its
# own copy: changing them needs a new index).
MULTIPLIER = 2_654_435_761
MODULUS = 1_000_003


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_case_sample "
        f"ON workflow_case (((id * {MULTIPLIER}) % {MODULUS}))",
        None,  # no parameters: "%" is the operator
    )


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_case_sample")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0008_entry_column_indexes"),
        ("workflow", "0017_case_facet_indexes"),
    ]

    operations = [migrations.RunPython(add_index, remove_index)]
