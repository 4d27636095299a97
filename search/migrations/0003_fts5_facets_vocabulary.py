"""The richer database index: the text as written (for highlighting), the complainant's
name and email for staff search, the case version indexed (drift), a vocabulary for typo
tolerance, and on SQLite an FTS5 table. Existing cases are indexed again."""

from django.db import migrations, models


def create_fts5(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_casefts USING fts5("
            "text, personal, tokenize = 'unicode61 remove_diacritics 0')"
        )


def drop_fts5(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_casefts")


def reindex(apps, schema_editor):
    """Index every case again from the historical models: the parts that search.documents
    indexes (a field today's model has and this historical one lacks counts as empty)."""
    from search.documents import INDEXED_FIELDS, LANGUAGES, PUBLIC_MESSAGE_KINDS, words

    Case = apps.get_model("workflow", "Case")
    Entry = apps.get_model("search", "CaseSearchEntry")
    Word = apps.get_model("search", "SearchWord")
    CaseEvent = apps.get_model("workflow", "CaseEvent")
    Complainant = apps.get_model("workflow", "Complainant")
    batch = []

    def flush():
        Entry.objects.bulk_create(
            [Entry(case_id=pk, body=text, personal=personal, case_updated_at=updated)
             for pk, text, personal, updated, _labels in batch],
            update_conflicts=True,
            unique_fields=["case"],
            update_fields=["body", "personal", "case_updated_at"],
        )
        # The engine's rows are written by search 0006 (the application's analysis).
        found = {
            word
            for _pk, text, _p, _u, labels in batch
            for word in words(f"{text} {labels}")
            if 3 <= len(word) <= 64 and not any(char.isdigit() for char in word)
        }
        Word.objects.bulk_create(
            [Word(word=word, length=len(word)) for word in found], ignore_conflicts=True
        )
        batch.clear()

    for case in Case.objects.select_related("category").iterator(chunk_size=500):
        parts = [getattr(case, field, "") for field in INDEXED_FIELDS]
        parts += CaseEvent.objects.filter(
            case_id=case.pk, is_public=True, kind__in=[str(kind) for kind in PUBLIC_MESSAGE_KINDS]
        ).values_list("note", flat=True)
        labels = " ".join(
            sorted({getattr(case.category, f"name_{code}", "") or "" for code in LANGUAGES} - {""})
        )
        person = Complainant.objects.filter(case_id=case.pk).first()
        personal = " ".join(p for p in (person.name, person.email) if p) if person else ""
        text = " ".join(part for part in parts if part)
        batch.append((case.pk, text, personal, case.updated_at, labels))
        if len(batch) >= 500:
            flush()
    flush()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_postgresql_fulltext"),
        ("workflow", "0009_merged_into"),
    ]

    operations = [
        migrations.RemoveField(model_name="casesearchentry", name="reference_compact"),
        migrations.RemoveField(model_name="casesearchentry", name="text"),
        migrations.AddField(
            model_name="casesearchentry", name="body", field=models.TextField(blank=True)
        ),
        migrations.AddField(
            model_name="casesearchentry", name="personal", field=models.TextField(blank=True)
        ),
        migrations.AddField(
            model_name="casesearchentry",
            name="case_updated_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("length", models.PositiveSmallIntegerField()),
            ],
            options={
                "verbose_name": "search word",
                "verbose_name_plural": "search words",
                "indexes": [models.Index(fields=["length", "word"], name="search_word_length")],
            },
        ),
        migrations.RunPython(create_fts5, drop_fts5),
        migrations.RunPython(reindex, migrations.RunPython.noop),
    ]
