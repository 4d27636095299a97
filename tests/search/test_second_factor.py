"""The public lookup's second factor: the database lookup and the search engine's tracking
document accept exactly the same answers (one normalisation, in workflow.references)."""

import pytest

from search import tracking
from workflow import selectors
from workflow.references import access_code_for

from ..conftest import make_case


@pytest.mark.django_db
@pytest.mark.iso("4.10")
@pytest.mark.iso("7.3")
def test_the_database_and_the_tracking_document_accept_the_same_answers(category):
    case = make_case(category, email="Ayse.Yilmaz@Example.org", phone="+90 (533) 010-4477")
    code = access_code_for(reference=case.reference, salt=case.access_salt)
    document = tracking.tracking_fields(case)
    answers = {
        "ayse.yilmaz@example.org": True,
        "  AYSE.YILMAZ@EXAMPLE.ORG ": True,
        "ayse@example.org": False,
        "0533 010 44 77": True,
        "5330104477": True,
        "+905330104477": True,
        "330104477": True,
        "30104477": False,  # not the last nine digits
        "4477": False,  # fewer than six digits
        code: True,
        code.lower().replace("-", " "): True,
        code[:-1] + ("2" if code[-1] != "2" else "3"): False,
        "": False,
        "@": False,
        "-": False,
    }
    for given, expected in answers.items():
        database = selectors._second_factor_matches(selectors._lookup_row(case.reference), given)
        engine = tracking.second_factor_matches(document, given)
        assert (database, engine) == (expected, expected), given


@pytest.mark.django_db
@pytest.mark.iso("4.10")
@pytest.mark.iso("7.3")
def test_a_case_without_contact_details_matches_only_its_access_code(category):
    case = make_case(category, email="", phone="", name="")
    code = access_code_for(reference=case.reference, salt=case.access_salt)
    document = tracking.tracking_fields(case)
    for given, expected in {"@": False, "0000000000": False, code: True}.items():
        database = selectors._second_factor_matches(selectors._lookup_row(case.reference), given)
        engine = tracking.second_factor_matches(document, given)
        assert (database, engine) == (expected, expected), given
