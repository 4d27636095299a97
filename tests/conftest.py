from urllib.parse import urlsplit

from django.utils import translation

import pytest

from workflow import roles

from .factories import CategoryFactory, PriorityFactory, TeamFactory, UserFactory

# @pytest.mark.iso(...) checked, collected and its outcomes recorded (ISO 10002 traceability).
pytest_plugins = ["tests.iso_plugin"]


@pytest.fixture(autouse=True)
def _empty_caches():
    """Rate-limit counters and cached pages do not leak from one test to the next."""
    from django.core.cache import caches

    from workflow import config, outbox

    for cache in caches.all():
        cache.clear()
    config.forget()
    outbox.pending_forget()


@pytest.fixture
def speed_departures_on(settings):
    """The speed departures of docs/speed.md on, whatever the environment says: for the
    tests that prove their own effect (CI also runs the suite with all of them off)."""
    settings.SPEED_RAW_PUBLIC_READS = True
    settings.SPEED_RAW_RATE_COUNTS = True
    settings.SPEED_QUIET_WIZARD_STORAGE = True
    settings.SPEED_SESSION_STATEMENTS = True
    settings.SPEED_SEARCH_STATEMENTS = True
    settings.SESSION_ENGINE = "portal.sessions"
    settings.CONFIG_SECONDS = 60
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture(autouse=True)
def _english_by_default():
    """Requests activate their language in the thread; start every test from English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def staff(db):
    """One user per role, with a team that owns a category."""
    roles.roles_sync()
    supervisor = UserFactory(username="supervisor", role=roles.SUPERVISOR)
    team = TeamFactory(code="billing", name="Billing", supervisor=supervisor)
    handler = UserFactory(username="handler", role=roles.HANDLER)
    outsider = UserFactory(username="outsider", role=roles.HANDLER)
    team.members.add(handler, supervisor)
    other_team = TeamFactory(code="service", name="Service")
    other_team.members.add(outsider)
    return {
        "team": team,
        "other_team": other_team,
        "intake": UserFactory(username="intake", role=roles.INTAKE_OFFICER),
        "handler": handler,
        "outsider": outsider,
        "supervisor": supervisor,
        "manager": UserFactory(username="manager", role=roles.COMPLAINTS_MANAGER),
        "auditor": UserFactory(username="auditor", role=roles.AUDITOR),
    }


@pytest.fixture
def category(staff):
    return CategoryFactory(code="billing", name="Billing and payments", team=staff["team"])


@pytest.fixture
def priority(db):
    return PriorityFactory()


@pytest.fixture
def portal_pages(db):
    """The public pages the journeys need: home and policy; and the feedback form's texts
    (a setting: the form is a Django view)."""
    from wagtail.models import Page, Site

    from portal.models import FeedbackFormTexts, HomePage, PolicyPage

    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Home", title_ar="الرئيسية", slug="home-test", intro="<p>Hi</p>")
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    policy = home.add_child(
        instance=PolicyPage(
            title="Complaint-handling policy",
            title_ar="سياسة معالجة الشكاوى",
            title_el="Πολιτική διαχείρισης παραπόνων",
            title_it="Politica di gestione dei reclami",
            title_tr="Şikâyet yönetimi politikası",
            slug="policy",
            body="<p>We handle every complaint fairly.</p>",
        )
    )
    texts = FeedbackFormTexts.load()
    texts.title_en, texts.title_ar = "Feedback", "ملاحظاتك"
    texts.save()
    return {"home": home, "policy": policy, "form_texts": texts}


def pytest_collection_modifyitems(items):
    """Transactional tests must restore what the migrations created (Wagtail's root page,
    the default site, content types): a plain flush would leave them out for the tests
    that follow."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)"
            )


# A test's lines for the end of the run (`record_property(SUMMARY, line)`): with several
# workers (pytest-xdist, `make test`), what a test prints never reaches the terminal.
SUMMARY = "summary"


def pytest_terminal_summary(terminalreporter):
    lines = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == SUMMARY
    ]
    if lines:
        terminalreporter.section("reported by the tests")
        for line in lines:
            terminalreporter.write_line(line)


LANGUAGES = ["en", "ar", "el", "it", "tr"]
# The demo's public content pages (under /<language>/).
CONTENT_PAGES = [
    "",
    "policy/",
    "principles/",
    "how-to-complain/",
    "process/",
    "faq/",
    "accessibility/",
    "privacy/",
]


def make_case(category, **fields):
    """A case submitted through the process module, with sensible defaults."""
    from workflow import process

    values = {
        "kind": "complaint",
        "description": "Something went wrong.",
        "language": "en",
        "consent": True,
        "email": "someone@example.org",
    }
    values.update(fields)
    return process.complaint_submit(category=category, **values).case


def case_page(client, case, *, language="en") -> str:
    """The address of the case's page, opened in `client`'s session with full access (a
    lookup with the access code, as the complainant does)."""
    from workflow.references import access_code_for

    case.refresh_from_db()
    code = access_code_for(reference=case.reference, salt=case.access_salt)
    response = client.post(
        f"/{language}/track/", {"reference": case.reference, "second_factor": code}
    )
    assert response.status_code == 302, response.status_code
    return response["Location"]


FEEDBACK_STEPS = ["kind", "about", "what", "outcome", "files", "you", "contact", "consent", "check"]


def feedback_answers(category, **overrides):
    """Answers for every step of the feedback form, by step and field."""
    answers = {
        "kind": {"kind": "complaint"},
        "about": {
            "category": category.pk,
            "product_service": "",
            "location": "",
            "occurred_on_day": "",
            "occurred_on_month": "",
            "occurred_on_year": "",
        },
        "what": {"description": "I was charged twice for the March invoice."},
        "outcome": {"desired_outcome": "Refund the second charge."},
        "files": {},
        "you": {"identity": "named", "name": "Amira Haddad"},
        "contact": {"email": "amira@example.net", "phone": "", "language": "ar"},
        "consent": {"consent": "on"},
        "check": {},
    }
    for key, value in overrides.items():
        step, field = key.split("__")
        answers[step][field] = value
    return answers


def submit_feedback(
    client, *, language, category, files=None, stop_at=None, reset=True, **overrides
):
    """Walk the feedback form step by step over HTTP (from the start, or from where the
    session stands with reset=False); returns the last response."""
    answers = feedback_answers(category, **overrides)
    base = f"/{language}/feedback/"
    response = client.get(f"{base}?reset=1" if reset else base)
    while response.status_code == 302 and "/confirmation/" not in response["Location"]:
        step = urlsplit(response["Location"]).path.rstrip("/").split("/")[-1]
        if step == stop_at:
            return response
        data = {"feedback-current_step": step}
        data.update({f"{step}-{field}": value for field, value in answers[step].items()})
        if step == "files" and files:
            data["files-attachments"] = files
        response = client.post(f"{base}{step}/", data)
        if response.status_code != 302:
            return response
    return response


@pytest.fixture
def run(client, django_capture_on_commit_callbacks):
    """Post as `user` (staff, in `client`) or as the complainant (None: in `run.public`, a
    browser of its own, whose session keeps its access to case pages while staff sign in
    and out), running the on-commit deliveries (notifications) at once;
    `run.submit(category, ...)` submits a case the same way."""
    from django.test import Client

    public = Client()

    def post(user, url, data=None, **extra):
        browser = public if user is None else client
        if user is not None:
            client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            return browser.post(url, data or {}, **extra)

    def submit(category, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_case(category, **fields)

    post.submit = submit
    post.public = public
    return post
