"""Fuzzing every public form and the lookup with Hypothesis: whatever arrives, the answer is
never a server error, and refused input is explained.

Deterministic (derandomize) and bounded (about 2,000 requests in all), so CI stays quick
and repeatable. FUZZ_EXAMPLES scales every test's examples (e.g. 10 for a longer run).
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workflow.references import access_code_for

from ..conftest import FEEDBACK_STEPS, case_page, make_case, submit_feedback
from ..workflow.test_decision_paths import _respond, _to_response, _url

SCALE = float(os.environ.get("FUZZ_EXAMPLES", "1"))


def fuzz_settings(examples: int):
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


# Text as people (and robots) send it: any character but lone surrogates (which no
# browser can encode), the characters that broke things before, right-to-left text,
# very long values, odd numbers and dates.
SPECIAL = [
    "",
    " ",
    '"',
    '""',
    "'",
    "\x00",
    "a\x00b",
    "\\",
    "%",
    "%(name)s",
    "{}",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    'مرحبا "بالعالم" ‏שלום',
    "\u202etxt.exe",
    "\ufeff",
    "ẞ ǅ ﬁ İı",
    "🙂" * 50,
    "-1",
    "0",
    "1e309",
    "NaN",
    "99999999999999999999999",
    "9999-12-31",
    "0000-00-00",
    "2026-02-30",
    "-0001-01-01",
    "1899-12-31",
    "31/12/2026",
    "a@b",
    "@",
    "x@" + "y" * 300 + ".org",
    "+" + "9" * 40,
    "CMP-2222-2222",
    "cmp 2222 2222",
]
TEXT = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=150, max_size=400),
    st.builds(lambda char, n: char * n, st.sampled_from('x"é\x00ع '), st.integers(190, 12000)),
)
LANGUAGE = st.sampled_from(["en", "ar", "el", "it", "tr"])


def _no_server_error(response):
    assert response.status_code < 500, response.status_code


def _explained(response):
    """A refused form says why (the error summary), or the client is asked to wait."""
    _no_server_error(response)
    if response.status_code in (200, 400):
        assert 'class="error-summary"' in response.content.decode()


@pytest.fixture
def open_limits(settings):
    settings.TRACKING_RATE_LIMIT = "100000/m"
    settings.SUBMISSION_RATE_LIMIT = "100000/h"


@pytest.mark.django_db
@pytest.mark.iso("4.9")
def test_every_step_of_the_form_takes_any_input(
    client, portal_pages, category, priority, open_limits
):
    @fuzz_settings(500)
    @given(
        step=st.sampled_from([*FEEDBACK_STEPS, "done", "nonsense"]),
        fields=st.dictionaries(
            st.sampled_from(
                [
                    "kind",
                    "category",
                    "product_service",
                    "location",
                    "occurred_on_day",
                    "occurred_on_month",
                    "occurred_on_year",
                    "description",
                    "desired_outcome",
                    "identity",
                    "name",
                    "email",
                    "phone",
                    "language",
                    "consent",
                    "remove",
                ]
            ),
            TEXT,
            max_size=6,
        ),
        language=LANGUAGE,
    )
    def post_step(step, fields, language):
        data = {"feedback-current_step": step}
        data.update({f"{step}-{name}": value for name, value in fields.items()})
        if "remove" in fields:
            data["remove"] = fields["remove"]
        response = client.post(f"/{language}/feedback/{step}/", data)
        _no_server_error(response)
        if response.status_code == 200 and step in ("about", "what", "contact", "you"):
            _explained(response)

    post_step()


@pytest.mark.django_db
@pytest.mark.iso("4.9")
def test_the_whole_form_sent_with_any_answers_records_or_explains(
    client, portal_pages, category, priority, open_limits
):
    @fuzz_settings(80)
    @given(
        answers=st.fixed_dictionaries(
            {},
            optional={
                "about__product_service": TEXT,
                "about__location": TEXT,
                "about__occurred_on_day": TEXT,
                "about__occurred_on_month": TEXT,
                "about__occurred_on_year": TEXT,
                "what__description": TEXT,
                "outcome__desired_outcome": TEXT,
                "you__name": TEXT,
                "contact__email": TEXT,
                "contact__phone": TEXT,
                "contact__language": TEXT,
            },
        ),
        language=LANGUAGE,
    )
    def send(answers, language):
        response = submit_feedback(client, language=language, category=category, **answers)
        if response.status_code == 302:
            assert "/confirmation/" in response["Location"]
            _no_server_error(client.get(response["Location"]))
        else:
            _explained(response)

    send()


@pytest.mark.django_db
@pytest.mark.iso("4.9")
@pytest.mark.iso("4.10")
def test_the_lookup_takes_any_input_and_never_tells_more(
    client, portal_pages, category, priority, open_limits
):
    case = make_case(category, email="amira@example.net", phone="+30 691 234 5678")

    @fuzz_settings(500)
    @given(
        reference=st.one_of(TEXT, st.just(case.reference)),
        second_factor=TEXT,
        token=TEXT,
        language=LANGUAGE,
        address=st.sampled_from(["10.0.0.1", "10.0.0.2", "2001:db8::1", "not-an-address"]),
    )
    def look_up(reference, second_factor, token, language, address):
        response = client.post(
            f"/{language}/track/",
            {"reference": reference, "second_factor": second_factor},
            REMOTE_ADDR=address,
        )
        assert response.status_code in (302, 400, 404, 429)
        if response.status_code in (400, 404):
            assert "error-summary" in response.content.decode()
        if response.status_code == 302:
            assert reference == case.reference
        _no_server_error(client.get(f"/{language}/track/", {"ref": reference}))
        token_page = client.get(f"/{language}/track/{token.replace('/', '_')}/")
        assert token_page.status_code in (200, 301, 302, 404)

    look_up()
    # The rightful owner still gets in after all that guessing.
    code = access_code_for(reference=case.reference, salt=case.access_salt)
    owner = client.post("/en/track/", {"reference": case.reference, "second_factor": code})
    assert owner.status_code == 302


@pytest.mark.django_db
def test_the_site_search_takes_any_query(client, portal_pages):
    @fuzz_settings(400)
    @given(query=TEXT, language=LANGUAGE)
    def search(query, language):
        response = client.get(f"/{language}/search/", {"q": query})
        assert response.status_code == 200

    search()


@pytest.mark.django_db
@pytest.mark.iso("4.9")
def test_the_case_page_forms_take_any_input(run, client, staff, category, priority, open_limits):
    """Add information, accept or contest, and the survey, on a case awaiting the
    complainant's reply and on a closed one."""
    awaiting = _to_response(run, staff, category, priority)
    assert _respond(run, staff, awaiting).status_code == 302
    closed = _to_response(run, staff, category, priority)
    assert _respond(run, staff, closed).status_code == 302
    page = case_page(run.public, closed)
    assert run(None, page, {"action": "reply", "reply-answer": "accept"}).status_code == 302
    assert run(staff["handler"], _url(closed, "close"), {"note": ""}).status_code == 302
    client.logout()
    pages = [case_page(client, case) for case in (awaiting, closed)]
    rating = st.one_of(st.sampled_from(["1", "3", "5"]), TEXT)

    @fuzz_settings(300)
    @given(
        page=st.sampled_from(pages),
        action=st.one_of(st.sampled_from(["add", "reply", "survey"]), TEXT),
        fields=st.fixed_dictionaries(
            {},
            optional={
                "add-text": TEXT,
                "reply-answer": st.one_of(st.sampled_from(["accept", "contest"]), TEXT),
                "reply-reasons": TEXT,
                "survey-overall": rating,
                "survey-ease": rating,
                "survey-fairness": rating,
                "survey-timeliness": rating,
                "survey-comment": TEXT,
            },
        ),
    )
    def post(page, action, fields):
        response = client.post(page, {"action": action, **fields})
        assert response.status_code in (302, 400, 429)
        if response.status_code == 400:
            assert "error-summary" in response.content.decode()

    post()
