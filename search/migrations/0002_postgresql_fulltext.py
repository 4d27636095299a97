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
    # Existing entries: their documents are built from the cases again.
    from search.language import document_params, document_sql

    Case = apps.get_model("workflow", "Case")
    sql, _count = document_sql()
    for case in Case.objects.select_related("category").iterator():
        text = " ".join(
            part
            for part in (
                case.reference,
                case.description,
                case.desired_outcome,
                case.findings,
                case.root_cause,
                case.decision,
                case.category.name,
            )
            if part
        )
        schema_editor.execute(
            f"UPDATE search_casesearchentry SET document = {sql} WHERE case_id = %s",
            [*document_params(text), case.pk],
        )


def remove_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE search_casesearchentry DROP COLUMN document")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(add_document, remove_document)]
