"""On PostgreSQL, a full-text document per case (every language's configuration) with a
GIN index; on other databases nothing changes (the backend matches words itself)."""

from django.db import migrations


def add_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE search_casesearchentry ADD COLUMN document tsvector")
    schema_editor.execute(
        "CREATE INDEX search_casesearchentry_document ON search_casesearchentry "
        "USING gin (document)"
    )
    # Existing entries are indexed again by search 0006 (the application's analysis).


def remove_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE search_casesearchentry DROP COLUMN document")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(add_document, remove_document)]
