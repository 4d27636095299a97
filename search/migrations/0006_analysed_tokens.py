"""Every backend indexes the tokens of the application's own analysis (search.analysis):
on SQLite the FTS5 table gets three columns (words, stems, personal), on PostgreSQL the
`document` tsvector is built from the tokens; the vocabulary of typo tolerance holds the
analysed words. Existing cases are indexed again."""

from django.db import migrations


def recreate_fts5(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_casefts")
        schema_editor.execute(
            "CREATE VIRTUAL TABLE search_casefts USING fts5("
            "words, stems, personal, tokenize = 'unicode61 remove_diacritics 0')"
        )


def restore_fts5(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_casefts")
        schema_editor.execute(
            "CREATE VIRTUAL TABLE search_casefts USING fts5("
            "text, personal, tokenize = 'unicode61 remove_diacritics 0')"
        )


def reindex(apps, schema_editor):
    """The engine's rows and the vocabulary again, from the entries and the categories."""
    from search.backends.database import vocabulary_add, write_engine_rows
    from search.documents import LANGUAGES

    Entry = apps.get_model("search", "CaseSearchEntry")
    Word = apps.get_model("search", "SearchWord")
    Word.objects.all().delete()
    batch = []

    def flush():
        write_engine_rows(batch)
        vocabulary_add(text for _pk, text, _personal, _language in batch)
        batch.clear()

    entries = Entry.objects.select_related("case__category").order_by("case_id")
    for entry in entries.iterator(chunk_size=500):
        category = entry.case.category
        labels = " ".join(
            sorted({getattr(category, f"name_{code}", "") or "" for code in LANGUAGES} - {""})
        )
        text = f"{entry.body} {labels}".strip()
        batch.append((entry.case_id, text, entry.personal, entry.case.language))
        if len(batch) >= 500:
            flush()
    flush()


class Migration(migrations.Migration):
    dependencies = [("search", "0005_searchrecord")]

    operations = [
        migrations.RunPython(recreate_fts5, restore_fts5),
        migrations.RunPython(reindex, migrations.RunPython.noop),
    ]
