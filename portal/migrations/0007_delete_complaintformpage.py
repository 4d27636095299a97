from django.db import migrations


class Migration(migrations.Migration):
    """The feedback form is a Django view now (portal/urls.py); its page type goes."""

    dependencies = [
        ("portal", "0006_feedback_form_page_to_texts"),
    ]

    operations = [
        migrations.DeleteModel(name="ComplaintFormPage"),
    ]
