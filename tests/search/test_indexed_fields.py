"""The case's indexed words are listed once (search.documents.INDEXED_FIELDS): the documents
every backend indexes and the migration that indexed existing cases again read it alike."""

import importlib

from django.apps import apps

import pytest

from search.documents import INDEXED_FIELDS, documents_for
from search.models import CaseSearchEntry
from workflow import services
from workflow.models import Case

from ..conftest import make_case

reindex = importlib.import_module("search.migrations.0003_fts5_facets_vocabulary").reindex


def test_every_indexed_field_is_a_text_of_the_case():
    for name in INDEXED_FIELDS:
        assert Case._meta.get_field(name).get_internal_type() in ("CharField", "TextField")


@pytest.mark.django_db
def test_the_migration_indexes_the_same_words_as_the_documents(category):
    case = make_case(
        category,
        description="The parcel never arrived.",
        desired_outcome="A refund.",
        product_service="Delivery",
        location="Harbour View",
    )
    services.case_information_add(case=case, text="Tracking says it went to flat 2.")
    for field in ("findings", "root_cause", "decision", "contest_reasons", "review_outcome"):
        setattr(case, field, f"the {field}")
    case.save()
    (document,) = documents_for([case.pk])
    for field in INDEXED_FIELDS:
        assert getattr(case, field) in document.text, field
    assert "flat 2" in document.text

    CaseSearchEntry.objects.all().delete()
    reindex(apps, None)
    assert CaseSearchEntry.objects.get(case=case).body == document.text
