"""Satisfaction analysis (ISO 10002 8.3): the survey's results for a period and a scope,
the low scores listed for follow-up, and the follow-up recorded in the case's history."""

import dataclasses
import datetime
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from improvement.models import SatisfactionFollowUp
from improvement.selectors.satisfaction import (
    SatisfactionFilters,
    cases_behind,
    satisfaction_for,
)
from improvement.services.satisfaction import satisfaction_followup_record
from workflow import roles, selectors, services
from workflow.models import Case, CaseEvent, SurveyResponse

from ..factories import CaseFactory, CategoryFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.iso("8.3")]

UTC = datetime.UTC
NOW = datetime.datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
URL = "/staff/improvement/satisfaction/"


def closed(category, *, at, answers=None, comment="", **fields):
    """A case closed at `at`; with `answers` (overall, ease, fairness, timeliness) the
    complainant answered the survey, through workflow's service, a day later."""
    case = CaseFactory(
        category=category, status=Case.Status.CLOSED, closed_at=at, received_at=at, **fields
    )
    if answers:
        overall, ease, fairness, timeliness = answers
        with time_machine.travel(at + datetime.timedelta(days=1), tick=False):
            services.survey_answer(
                case=case,
                overall=overall,
                ease=ease,
                fairness=fairness,
                timeliness=timeliness,
                comment=comment,
            )
    return case


@pytest.fixture
def march(staff, category):
    """Billing (the supervisor's team): four cases closed in March, three answered; and
    what must not count: a case closed in February, an open one, a merged duplicate."""
    day = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    cases = {
        "low": closed(category, at=day, answers=(3, 2, 4, 5), comment="Too hard to reach you."),
        "good": closed(category, at=day + datetime.timedelta(days=3), answers=(4, 5, 4, 3)),
        "phone": closed(
            category,
            at=day + datetime.timedelta(days=5),
            answers=(4, 5, 4, 4),
            channel=Case.Channel.PHONE,
            language="ar",
        ),
        "silent": closed(category, at=day + datetime.timedelta(days=7)),
    }
    closed(category, at=datetime.datetime(2026, 2, 27, 9, 0, tzinfo=UTC), answers=(1, 1, 1, 1))
    CaseFactory(category=category, status=Case.Status.INVESTIGATION)
    closed(category, at=day, merged_into=cases["good"])
    return cases


@pytest.fixture
def other_team_case(staff):
    """A case of another team (Service), closed in March with a low score."""
    category = CategoryFactory(code="delivery", name="Delivery", team=staff["other_team"])
    return closed(
        category,
        at=datetime.datetime(2026, 3, 10, 9, 0, tzinfo=UTC),
        answers=(1, 2, 2, 1),
        channel=Case.Channel.EMAIL,
    )


def client_for(client, user):
    client.force_login(user)
    return client


def test_figures_of_a_period_are_exact(staff, march):
    with time_machine.travel(NOW, tick=False):
        report = satisfaction_for(*MARCH, None, staff["manager"])
    total = report.total
    assert (total.invited, total.answered, total.unanswered) == (4, 3, 1)
    assert total.response_rate == 75.0
    assert total.means == {"overall": 3.67, "ease": 4.0, "fairness": 4.0, "timeliness": 4.0}
    # (3.5 + 4 + 4.25) / 3: the mean of each response's four answers.
    assert total.mean_all == 3.92
    # One response has an answer at or below 2 (ease 2), nobody has followed it up yet.
    assert (total.low, total.awaiting_follow_up) == (1, 1)
    distribution = {item.question: item.counts for item in report.distribution}
    assert distribution == {
        "overall": (0, 0, 1, 2, 0),
        "ease": (0, 1, 0, 0, 2),
        "fairness": (0, 0, 0, 3, 0),
        "timeliness": (0, 0, 1, 1, 1),
    }


def test_a_period_without_closed_cases_has_no_rate_and_no_means(staff, march):
    report = satisfaction_for(datetime.date(2025, 1, 1), datetime.date(2025, 1, 31), None, None)
    assert (report.total.invited, report.total.answered) == (0, 0)
    assert report.total.response_rate is None
    assert report.total.means["overall"] is None and report.total.mean_all is None
    assert [row.key for row in report.months] == ["2025-01"]
    assert report.months[0].figures.invited == 0


def test_breakdowns_per_team_category_channel_and_language(staff, march, other_team_case):
    report = satisfaction_for(*MARCH, None, staff["manager"])
    assert report.total.invited == 5
    teams = {row.label: row.figures for row in report.breakdowns["team"]}
    assert set(teams) == {"Billing", "Service"}
    assert (teams["Billing"].invited, teams["Billing"].answered) == (4, 3)
    assert teams["Billing"].response_rate == 75.0
    assert teams["Billing"].means["overall"] == 3.67
    assert (teams["Service"].invited, teams["Service"].answered) == (1, 1)
    assert teams["Service"].response_rate == 100.0
    assert teams["Service"].mean_all == 1.5
    assert (teams["Service"].low, teams["Service"].awaiting_follow_up) == (1, 1)
    # Largest first.
    assert [row.label for row in report.breakdowns["team"]] == ["Billing", "Service"]
    categories = {row.label: row.figures.invited for row in report.breakdowns["category"]}
    assert categories == {"Billing and payments": 4, "Delivery": 1}
    channels = {row.key: row.figures for row in report.breakdowns["channel"]}
    assert {key: figures.invited for key, figures in channels.items()} == {
        "web": 3,
        "phone": 1,
        "email": 1,
    }
    assert channels["web"].answered == 2 and channels["web"].means["overall"] == 3.5
    assert channels["phone"].response_rate == 100.0
    labels = {row.key: row.label for row in report.breakdowns["channel"]}
    assert labels["phone"] == "Telephone"
    languages = {row.key: (row.label, row.figures.invited) for row in report.breakdowns["language"]}
    assert languages == {"en": ("English", 4), "ar": ("Arabic", 1)}


def test_filters_narrow_every_figure(staff, march, other_team_case):
    only_phone = satisfaction_for(*MARCH, SatisfactionFilters(channel="phone"), None)
    assert (only_phone.total.invited, only_phone.total.answered) == (1, 1)
    assert only_phone.total.means["overall"] == 4.0
    service = satisfaction_for(*MARCH, SatisfactionFilters(team=staff["other_team"].pk), None)
    assert (service.total.invited, service.total.low) == (1, 1)
    # A higher threshold finds more low scores: 3 catches "low" (overall 3) and "good"
    # (timeliness 3).
    strict = satisfaction_for(*MARCH, SatisfactionFilters(team=staff["team"].pk, low_score=3), None)
    assert strict.total.low == 2


def test_trend_by_month_fills_the_months_without_cases(staff, march):
    report = satisfaction_for(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), None, None)
    months = [
        (row.key, row.figures.invited, row.figures.answered, row.figures.means["overall"])
        for row in report.months
    ]
    assert months == [
        ("2026-01", 0, 0, None),
        ("2026-02", 1, 1, 1.0),
        ("2026-03", 4, 3, 3.67),
    ]
    assert report.total.invited == 5


def test_a_supervisor_sees_only_their_teams_cases(staff, march, other_team_case):
    supervisor = satisfaction_for(*MARCH, None, staff["supervisor"])
    assert supervisor.total.invited == 4
    assert [row.label for row in supervisor.breakdowns["team"]] == ["Billing"]
    manager = satisfaction_for(*MARCH, None, staff["manager"])
    assert manager.total.invited == 5
    # Asking for the other team gives nothing rather than that team's figures.
    other = SatisfactionFilters(team=staff["other_team"].pk)
    assert satisfaction_for(*MARCH, other, staff["supervisor"]).total.invited == 0


def test_the_analysis_takes_a_fixed_number_of_queries(staff, category):
    day = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=UTC)

    def add(count):
        for number in range(count):
            closed(
                category,
                at=day + datetime.timedelta(hours=number),
                answers=(number % 5 + 1, 3, 4, 5) if number % 3 else None,
                channel=[Case.Channel.WEB, Case.Channel.PHONE, Case.Channel.EMAIL][number % 3],
            )

    def queries():
        supervisor = get_user_model().objects.get(pk=staff["supervisor"].pk)
        with CaptureQueriesContext(connection) as captured:
            report = satisfaction_for(*MARCH, None, supervisor)
        return len(captured), report

    add(3)
    few, _report = queries()
    add(30)
    many, report = queries()
    assert (report.total.invited, report.total.answered) == (33, 22)
    # The user's permissions (2) and teams (1), totals (1), four breakdowns (4) and their
    # team and category names (2), the months (1): however many cases.
    assert few == many == 11


def test_the_page_shows_the_figures_and_links_each_to_its_cases(client, staff, march):
    client_for(client, staff["manager"])
    with time_machine.travel(NOW, tick=False):
        response = client.get(URL, {"start": "2026-03-01", "end": "2026-03-31"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "75.0 %" in html and "3.67" in html and "3.92" in html
    assert "1 low score awaiting follow-up" in html
    assert "<caption>Per team</caption>" in html
    assert '<th scope="row">Billing</th>' in html
    assert 'datetime="2026-03">March 2026</time>' in html
    # The low score, with its case and comment, and a link to record a follow-up.
    assert reverse("case_detail", args=[march["low"].reference]) in html
    assert "Too hard to reach you." in html
    assert reverse("improvement:satisfaction_followup", args=[march["low"].survey.pk]) in html
    # Drill-down: the cell of the distribution "overall satisfaction: 4" lists two cases.
    cell = response.context["distribution"][0]["cells"][3]
    assert cell[:2] == (4, 2)
    cases = client.get(cell[2])
    assert cases.status_code == 200
    assert list(cases.context["page"]) == sorted(
        [march["good"], march["phone"]], key=lambda case: case.closed_at, reverse=True
    )
    # The Billing row's "asked" figure lists its four cases.
    row = response.context["tables"][0]["rows"][0]
    assert parse_qs(urlsplit(row["invited_url"]).query)["team"] == [str(staff["team"].pk)]
    assert client.get(row["invited_url"]).context["page"].paginator.count == 4


def test_drill_down_lists_the_cases_behind_each_figure(staff, march):
    def references(**kwargs):
        return {case.reference for case in cases_behind(*MARCH, None, staff["manager"], **kwargs)}

    assert references(show="invited") == {case.reference for case in march.values()}
    assert references(show="unanswered") == {march["silent"].reference}
    assert references(show="low") == {march["low"].reference}
    assert references(show="awaiting") == {march["low"].reference}
    assert references(show="answered", question="ease", score=5) == {
        march["good"].reference,
        march["phone"].reference,
    }


def test_a_month_of_the_trend_drills_down_to_that_months_cases(client, staff, march):
    client_for(client, staff["manager"])
    response = client.get(
        reverse("improvement:satisfaction_cases"),
        {"start": "2026-01-01", "end": "2026-03-31", "month": "2026-02", "show": "invited"},
    )
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1
    # The staff search gets the filters it has (closed cases; no closing date there).
    assert response.context["search_url"] == "/staff/search/?status=closed"


def test_a_follow_up_is_recorded_with_an_internal_event(client, staff, march):
    survey = march["low"].survey
    client_for(client, staff["supervisor"])
    url = reverse("improvement:satisfaction_followup", args=[survey.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Too hard to reach you." in page.content.decode()
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            url,
            {
                "action": "contacted",
                "note": "Called her; she now has the direct line.",
                "next": f"{URL}?start=2026-03-01&end=2026-03-31",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?start=2026-03-01&end=2026-03-31"
    followup = SatisfactionFollowUp.objects.get()
    assert (followup.response, followup.recorded_by, followup.action) == (
        survey,
        staff["supervisor"],
        "contacted",
    )
    assert followup.recorded_at == NOW
    event = march["low"].events.get(kind=CaseEvent.Kind.SURVEY_FOLLOW_UP)
    assert event.is_public is False
    assert event.actor == staff["supervisor"]
    assert event.note == "Contacted the customer\nCalled her; she now has the direct line."
    assert event.data == {"followup": followup.pk, "action": "contacted"}
    # Not on the complainant's tracking page; on the staff case page, as internal.
    public = selectors.case_public_status_of(march["low"])
    assert "survey_followup" not in [item.kind for item in public.timeline]
    assert "survey" in [item.kind for item in public.timeline]
    case_page = client.get(reverse("case_detail", args=[march["low"].reference]))
    assert "Satisfaction follow-up recorded" in case_page.content.decode()
    # No longer awaiting.
    report = satisfaction_for(*MARCH, None, staff["supervisor"])
    assert (report.total.low, report.total.awaiting_follow_up) == (1, 0)
    listing = client.get(URL, {"start": "2026-03-01", "end": "2026-03-31"})
    html = listing.content.decode()
    assert "0 low scores awaiting follow-up" in html
    assert "Contacted the customer" in html


def test_no_action_needs_a_reason(client, staff, march):
    survey = march["low"].survey
    client_for(client, staff["manager"])
    url = reverse("improvement:satisfaction_followup", args=[survey.pk])
    response = client.post(url, {"action": "no_action", "reason": "  "})
    assert response.status_code == 400
    assert "Say why no action is needed." in response.content.decode()
    assert not SatisfactionFollowUp.objects.exists()
    assert not CaseEvent.objects.filter(kind=CaseEvent.Kind.SURVEY_FOLLOW_UP).exists()
    response = client.post(url, {"action": "no_action", "reason": "Answered by mistake."})
    assert response.status_code == 302
    assert SatisfactionFollowUp.objects.get().reason == "Answered by mistake."
    with pytest.raises(ValidationError, match="Say why no action is needed."):
        satisfaction_followup_record(response=survey, actor=staff["manager"], action="no_action")


def test_a_foreign_next_address_is_not_followed(client, staff, march):
    client_for(client, staff["manager"])
    url = reverse("improvement:satisfaction_followup", args=[march["low"].survey.pk])
    response = client.post(url, {"action": "corrective", "next": "https://evil.example/"})
    assert response["Location"] == URL


def test_a_supervisor_cannot_follow_up_another_teams_case(client, staff, other_team_case):
    client_for(client, staff["supervisor"])
    url = reverse("improvement:satisfaction_followup", args=[other_team_case.survey.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "contacted"}).status_code == 403
    assert not SatisfactionFollowUp.objects.exists()
    big = reverse("improvement:satisfaction_followup", args=[10**30])
    assert client.get(big).status_code == 403


@pytest.fixture
def top_manager(staff):
    return UserFactory(username="board", role=roles.TOP_MANAGEMENT)


@pytest.mark.parametrize(
    ("who", "page", "follow_up"),
    [
        ("manager", 200, 200),
        ("supervisor", 200, 200),
        ("auditor", 200, 403),
        ("top", 200, 403),
        ("handler", 403, 403),
        ("intake", 403, 403),
        ("outsider", 403, 403),
    ],
)
def test_who_may_see_and_follow_up(client, staff, march, top_manager, who, page, follow_up):
    user = top_manager if who == "top" else staff[who]
    client_for(client, user)
    assert client.get(URL).status_code == page
    assert client.get(reverse("improvement:satisfaction_cases")).status_code == page
    url = reverse("improvement:satisfaction_followup", args=[march["low"].survey.pk])
    assert client.get(url).status_code == follow_up
    posted = client.post(url, {"action": "contacted"})
    assert posted.status_code == (302 if follow_up == 200 else 403)
    assert SatisfactionFollowUp.objects.count() == (1 if follow_up == 200 else 0)


def test_signed_out_people_are_sent_to_sign_in(client, march):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "not a date"}, "Enter a valid date."),
        ({"start": "2026-03-31", "end": "2026-03-01"}, "The end date must be on or after"),
        ({"start": "0001-01-01"}, "Enter a date from 1900-01-01 to 9998-12-31."),
        ({"end": "9999-12-31"}, "Enter a date from 1900-01-01 to 9998-12-31."),
        ({"start": "1900-01-01", "end": "2026-01-01"}, "at most ten years"),
        ({"team": "99999999"}, "Select a valid choice."),
        ({"team": "x"}, "Select a valid choice."),
        ({"channel": "pigeon"}, "Select a valid choice."),
        ({"low_score": "5"}, "Select a valid choice."),
    ],
)
def test_bad_filters_answer_a_clear_error(client, staff, params, message):
    client_for(client, staff["manager"])
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"month": "2026-13"},
        {"month": "1999-01"},
        {"show": "everything"},
        {"score": "9"},
        {"question": "colour"},
    ],
)
def test_bad_drill_down_input_answers_400(client, staff, params):
    client_for(client, staff["manager"])
    response = client.get(reverse("improvement:satisfaction_cases"), params)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_bad_page_numbers_are_harmless(client, staff, march):
    client_for(client, staff["manager"])
    assert client.get(URL, {"page": "abc"}).status_code == 200
    cases = reverse("improvement:satisfaction_cases")
    assert client.get(cases, {"page": "-5"}).status_code == 200


def test_errors_are_translated(client, staff):
    client_for(client, staff["manager"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "el"
    response = client.get(URL, {"start": "2026-03-31", "end": "2026-03-01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The end date must be on or after the start date." not in html
    assert "Υπάρχει πρόβλημα" in html or "πρόβλημα" in html


def test_the_page_renders_right_to_left_in_arabic(client, staff, march):
    client_for(client, staff["manager"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = client.get(URL, {"start": "2026-03-01", "end": "2026-03-31"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "الرضا" in html
    assert "Satisfaction with complaint handling" not in html


def test_the_low_score_setting_is_the_default_threshold(client, staff, march, settings):
    settings.SATISFACTION_LOW_SCORE = 3
    client_for(client, staff["manager"])
    response = client.get(URL, {"start": "2026-03-01", "end": "2026-03-31"})
    assert response.context["total"].low == 2
    assert response.context["form"].fields["low_score"].initial == 3


def test_each_response_is_counted_once_whatever_its_follow_ups(staff, march):
    survey = march["low"].survey
    for action in ("contacted", "corrective"):
        satisfaction_followup_record(response=survey, actor=staff["manager"], action=action)
    report = satisfaction_for(*MARCH, None, staff["manager"])
    assert (report.total.answered, report.total.low, report.total.awaiting_follow_up) == (3, 1, 0)
    assert SurveyResponse.objects.count() == 4
    assert timezone.is_aware(SatisfactionFollowUp.objects.first().recorded_at)


def test_empty_filters_show_the_defaults_they_stand_for(client, staff, march):
    """The last twelve months and the low score of the setting, shown in the form (so
    submitting it again keeps them)."""
    client_for(client, staff["manager"])
    with time_machine.travel(NOW, tick=False):
        response = client.get(URL)
        later = client.get(URL, {"start": "2026-05-01"})
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.start, report.end) == (datetime.date(2025, 4, 1), datetime.date(2026, 3, 20))
    assert report.total.invited == 5
    html = response.content.decode()
    assert 'name="start" value="2025-04-01"' in html
    assert 'name="end" value="2026-03-20"' in html
    assert '<option value="2" selected>2 / 5</option>' in html
    # A start after today without an end: the period is that one day.
    assert later.status_code == 200
    assert later.context["report"].end == datetime.date(2026, 5, 1)


def test_the_tables_are_accessible(client, staff, march):
    client_for(client, staff["manager"])
    html = client.get(URL, {"start": "2026-03-01", "end": "2026-03-31"}).content.decode()
    assert html.count("<table") == html.count("<caption>") == 9
    assert '<th scope="col">Response rate</th>' in html
    assert '<th scope="row">Overall satisfaction</th>' in html
    assert '<label for="id_low_score">' in html


def test_the_report_is_plain_data_for_other_reports(staff, march):
    """What the management review's pack reads: every figure, as plain values."""
    report = dataclasses.asdict(satisfaction_for(*MARCH, None, staff["manager"]))
    assert report["total"] == {
        "invited": 4,
        "answered": 3,
        "low": 1,
        "awaiting_follow_up": 1,
        "means": {"overall": 3.67, "ease": 4.0, "fairness": 4.0, "timeliness": 4.0},
        "mean_all": 3.92,
        "unanswered": 1,
        "response_rate": 75.0,
    }
    assert report["start"] == datetime.date(2026, 3, 1)
    assert [row["key"] for row in report["months"]] == ["2026-03"]
    assert report["breakdowns"]["team"][0]["label"] == "Billing"


def test_the_page_takes_as_many_queries_for_many_low_scores_as_for_few(client, staff, category):
    client_for(client, staff["manager"])
    day = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=UTC)

    def add(count):
        for number in range(count):
            case = closed(category, at=day + datetime.timedelta(hours=number), answers=(1, 2, 3, 4))
            satisfaction_followup_record(
                response=case.survey, actor=staff["manager"], action="contacted"
            )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, {"start": "2026-03-01", "end": "2026-03-31"})
        assert response.status_code == 200
        return len(captured), response

    add(2)
    few, _response = queries()
    add(12)
    many, response = queries()
    assert response.context["total"].low == 14
    assert len(response.context["low_scores"].object_list) == 14
    assert few == many
