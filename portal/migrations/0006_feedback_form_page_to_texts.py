"""The feedback form becomes a Django view: what editors wrote on its page (title,
introduction, what happens next, in every language) moves into the FeedbackFormTexts
setting, and the page, which the form's own URLs now stand in front of, is deleted with its
revisions. Forward only: going back, the texts stay in the setting."""

from django.conf import settings
from django.db import migrations

STEPLEN = 4  # treebeard's path step (wagtail's Page)


def _page_titles(schema_editor, page_id: int) -> dict:
    """title_<language> of a page: wagtail-modeltranslation adds these columns to
    wagtailcore_page outside the migrations, so they are read with SQL when present."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        present = {
            column.name
            for column in connection.introspection.get_table_description(
                cursor, "wagtailcore_page"
            )
        }
        wanted = [
            f"title_{code}" for code, _name in settings.LANGUAGES if f"title_{code}" in present
        ]
        if not wanted:
            return {}
        quote = schema_editor.quote_name
        cursor.execute(
            f"SELECT {', '.join(quote(name) for name in wanted)} "  # noqa: S608 - column names
            f"FROM {quote('wagtailcore_page')} WHERE id = %s",
            [page_id],
        )
        return dict(zip(wanted, cursor.fetchone(), strict=True))


def forwards(apps, schema_editor):
    FormPage = apps.get_model("portal", "ComplaintFormPage")
    Texts = apps.get_model("portal", "FeedbackFormTexts")
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")

    pages = list(FormPage.objects.order_by("-live", "path"))
    if not pages:
        return
    source = pages[0]
    texts = Texts.objects.order_by("pk").first() or Texts()
    values = {"title": source.title}
    values.update(_page_titles(schema_editor, source.pk))
    default = settings.LANGUAGE_CODE
    for field in ("intro", "confirmation_text"):
        values[field] = getattr(source, f"{field}_{default}", None) or getattr(source, field)
        for code, _name in settings.LANGUAGES:
            values[f"{field}_{code}"] = getattr(source, f"{field}_{code}", None)
    for field, value in values.items():
        if value and not getattr(texts, field, None):
            setattr(texts, field, value)
    texts.save()

    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    for page in sorted(pages, key=lambda p: p.depth, reverse=True):
        if not Page.objects.filter(pk=page.pk).exists():
            continue  # deleted with an ancestor
        subtree = Page.objects.filter(path__startswith=page.path)
        ids = [str(pk) for pk in subtree.values_list("pk", flat=True)]
        subtree.delete()
        Page.objects.filter(path=page.path[:-STEPLEN]).update(
            numchild=Page.objects.filter(
                path__startswith=page.path[:-STEPLEN], depth=page.depth
            ).count()
        )
        if page_type is not None:
            Revision.objects.filter(base_content_type=page_type, object_id__in=ids).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_feedback_form_texts"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
