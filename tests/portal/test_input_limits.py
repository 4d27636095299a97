"""Every field fits its column, on every database: the longest value a form allows is
recorded whole, one character more is refused with an error (never a 500, which
PostgreSQL answered for a 255-320 character email while SQLite stored it)."""

from django.core.exceptions import ValidationError

import pytest

from workflow import process
from workflow.models import Case, Complainant

from ..conftest import submit_feedback

# Django's EmailField takes up to 320 characters; the column holds 254.
LONGEST_EMAIL = f"{'a' * 64}@{'b' * 63}.{'c' * 63}.{'d' * 57}.org"
TOO_LONG_EMAIL = f"{'a' * 64}@{'b' * 63}.{'c' * 63}.{'d' * 58}.org"
LONGEST_PHONE = "+" + "0" * 24


def test_the_sample_emails_are_at_and_just_over_the_column():
    column = Complainant._meta.get_field("email").max_length
    assert (len(LONGEST_EMAIL), len(TOO_LONG_EMAIL)) == (column, column + 1)


@pytest.mark.django_db
@pytest.mark.iso("4.9")
def test_the_public_form_records_the_longest_values_whole(client, portal_pages, category, priority):
    sent = submit_feedback(
        client,
        language="en",
        category=category,
        about__product_service="p" * 200,
        about__location="l" * 200,
        what__description="d" * 10000,
        outcome__desired_outcome="o" * 4000,
        you__name="n" * 200,
        contact__email=LONGEST_EMAIL,
        contact__phone=LONGEST_PHONE,
    )
    assert "/confirmation/" in sent["Location"]
    case = Case.objects.get()
    assert (len(case.product_service), len(case.location)) == (200, 200)
    assert (len(case.description), len(case.desired_outcome)) == (10000, 4000)
    person = case.complainant
    assert (person.name, person.email, person.phone) == ("n" * 200, LONGEST_EMAIL, LONGEST_PHONE)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("contact__email", TOO_LONG_EMAIL),
        ("you__name", "n" * 201),
        ("about__product_service", "p" * 201),
        ("about__location", "l" * 201),
        ("what__description", "d" * 10001),
        ("outcome__desired_outcome", "o" * 4001),
    ],
)
@pytest.mark.iso("4.9")
def test_the_public_form_refuses_one_character_more(
    client, portal_pages, category, priority, field, value
):
    refused = submit_feedback(client, language="en", category=category, **{field: value})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "at most" in page and 'class="error-summary' in page
    assert not Case.objects.exists()


STAFF_INTAKE = {
    "kind": "complaint",
    "channel": "phone",
    "description": "Called about a double charge.",
    "language": "en",
    "consent": "on",
}


@pytest.mark.django_db
@pytest.mark.iso("4.9")
def test_staff_intake_records_the_longest_values_and_refuses_one_more(
    client, staff, category, priority
):
    client.force_login(staff["intake"])
    data = {**STAFF_INTAKE, "category": category.pk}
    refused = client.post("/staff/cases/new/", {**data, "email": TOO_LONG_EMAIL, "name": "n" * 201})
    assert refused.status_code == 400 and not Case.objects.exists()
    page = refused.content.decode()
    assert page.count("at most") >= 2 and TOO_LONG_EMAIL in page
    recorded = client.post(
        "/staff/cases/new/",
        {
            **data,
            "email": LONGEST_EMAIL,
            "name": "n" * 200,
            "phone": LONGEST_PHONE,
            "product_service": "p" * 200,
            "location": "l" * 200,
        },
    )
    assert recorded.status_code == 302
    person = Case.objects.get().complainant
    assert (person.email, person.name, person.phone) == (LONGEST_EMAIL, "n" * 200, LONGEST_PHONE)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "values",
    [
        {"email": TOO_LONG_EMAIL},
        {"name": "n" * 201},
        {"phone": "1" * 33},
        {"product_service": "p" * 201},
        {"location": "l" * 201},
    ],
)
@pytest.mark.iso("4.9")
def test_the_service_refuses_a_value_longer_than_its_column(category, priority, values):
    """Whoever calls it (a form, a command, an API), nothing longer than a column reaches
    the database: a clear error, and no case half-recorded."""
    with pytest.raises(ValidationError, match="too long"):
        process.complaint_submit(
            kind="complaint",
            category=category,
            description="Something went wrong.",
            language="en",
            consent=True,
            **{"email": "someone@example.org", **values},
        )
    assert not Case.objects.exists()
