"""On PostgreSQL, a b-tree index on each of the entry's columns that a chosen facet, the
permission rule or the dates filter on: the planner then combines them with the text
index (BitmapAnd / BitmapOr) and a word search with facets chosen reads only the entries
that can count, not every match of its words (docs/decisions.md, "Indexes on the entry's
columns"). SQLite joins its FTS5 matches to the entries by key and does not use them."""

from django.db import migrations

COLUMNS = (
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


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_entry_{column} "
            f"ON search_casesearchentry ({column})"
        )


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_entry_{column}")


class Migration(migrations.Migration):
    dependencies = [("search", "0007_entry_case_columns")]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
