"""Satisfaction analysis (ISO 10002 8.3): the survey's results, the cases behind each
figure, and the follow-up of low scores."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ..forms.satisfaction import FollowUpForm, SatisfactionCasesForm, SatisfactionFilterForm
from ..selectors.satisfaction import (
    DIMENSIONS,
    QUESTIONS,
    cases_behind,
    low_scores_for,
    question_label,
    response_for_followup,
    satisfaction_for,
)
from ..services.satisfaction import satisfaction_followup_record

VIEW = "improvement.view_satisfaction"
ADD_FOLLOWUP = "improvement.add_satisfactionfollowup"
# The staff search's facets a drill-down can hand over (the search has no closing date).
_SEARCH_FACETS = ("team", "category", "channel", "language")
_MAX_PK = 2**31 - 1


def _titles() -> dict[str, str]:
    return {
        "team": _("Per team"),
        "category": _("Per category"),
        "channel": _("Per channel"),
        "language": _("Per language"),
    }


def _params(form) -> dict[str, str]:
    """The page's filters as query parameters (dates filled in with their defaults)."""
    data = form.cleaned_data
    params = {"start": data["start"].isoformat(), "end": data["end"].isoformat()}
    for name in ("team", "category"):
        if data.get(name):
            params[name] = str(data[name].pk)
    for name in ("channel", "language", "low_score"):
        if data.get(name):
            params[name] = str(data[name])
    return params


def _cases_url(params: dict, **more) -> str:
    values = {**params, **{key: str(value) for key, value in more.items() if value != ""}}
    return f"{reverse('improvement:satisfaction_cases')}?{urlencode(values)}"


def _segmented(rows, params: dict, name: str) -> list[dict]:
    links = []
    for row in rows:
        where = {**params, name: row.key}
        links.append(
            {
                "row": row,
                "invited_url": _cases_url(where, show="invited"),
                "answered_url": _cases_url(where, show="answered"),
                "low_url": _cases_url(where, show="low"),
                "awaiting_url": _cases_url(where, show="awaiting"),
            }
        )
    return links


@login_required
@permission_required(VIEW, raise_exception=True)
def satisfaction(request):
    form = SatisfactionFilterForm(request.GET)
    context = {"form": form, "may_follow_up": request.user.has_perm(ADD_FOLLOWUP)}
    if not form.is_valid():
        return render(request, "improvement/satisfaction.html", context, status=400)
    start, end = form.period()
    filters = form.filters()
    report = satisfaction_for(start, end, filters, request.user)
    params = _params(form)
    titles = _titles()
    tables = [
        {
            "name": name,
            "title": titles[name],
            "rows": _segmented(report.breakdowns[name], params, name),
        }
        for name in DIMENSIONS
    ]
    months = _segmented(report.months, params, "month")
    for item in months:
        item["month"] = datetime.date.fromisoformat(f"{item['row'].key}-01")
    distribution = [
        {
            "item": item,
            "cells": [
                (
                    score,
                    count,
                    _cases_url(params, show="answered", question=item.question, score=score),
                )
                for score, count in item.cells
            ],
        }
        for item in report.distribution
    ]
    low_scores = Paginator(low_scores_for(start, end, filters, request.user), 50).get_page(
        request.GET.get("page")
    )
    context.update(
        {
            "report": report,
            "total": report.total,
            "means": [(question_label(q), report.total.means[q]) for q in QUESTIONS],
            "tables": tables,
            "months": months,
            "distribution": distribution,
            "scores": [score for score, _count in report.distribution[0].cells],
            "low_scores": low_scores,
            "low_score": filters.low_score,
            "urls": {
                show: _cases_url(params, show=show)
                for show in ("invited", "answered", "unanswered", "low", "awaiting")
            },
            "here": request.get_full_path(),
            "query": urlencode(params),
        }
    )
    return render(request, "improvement/satisfaction.html", context)


@login_required
@permission_required(VIEW, raise_exception=True)
def satisfaction_cases(request):
    """The cases behind one figure of the page, each linked to its case page."""
    form = SatisfactionCasesForm(request.GET)
    context = {"form": form}
    if not form.is_valid():
        return render(request, "improvement/satisfaction_cases.html", context, status=400)
    start, end = form.period()
    data = form.cleaned_data
    cases = cases_behind(
        start,
        end,
        form.filters(),
        request.user,
        show=data.get("show") or "invited",
        question=data.get("question") or "",
        score=data.get("score"),
    )
    params = _params(form)
    search = [("status", "closed")] + [
        (name, params[name]) for name in _SEARCH_FACETS if name in params
    ]
    context.update(
        {
            "page": Paginator(cases, 50).get_page(request.GET.get("page")),
            "start": start,
            "end": end,
            "show": dict(form.fields["show"].choices)[data.get("show") or "invited"],
            "question": question_label(data["question"]) if data.get("question") else "",
            "score": data.get("score"),
            "back_url": f"{reverse('improvement:satisfaction')}?{urlencode(params)}",
            "search_url": f"{reverse('staff_search')}?{urlencode(search)}",
            "query": urlencode(
                [(key, value) for key, value in request.GET.items() if key != "page"]
            ),
        }
    )
    return render(request, "improvement/satisfaction_cases.html", context)


@login_required
@permission_required(ADD_FOLLOWUP, raise_exception=True)
def satisfaction_followup(request, pk: int):
    """Record what was done about a survey response (of a case the user may see)."""
    response = response_for_followup(pk=pk, user=request.user) if pk <= _MAX_PK else None
    if response is None:
        raise PermissionDenied
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ""
    back = back or reverse("improvement:satisfaction")
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            satisfaction_followup_record(
                response=response,
                actor=request.user,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The follow-up of %(reference)s is recorded in its history.")
                % {"reference": response.case.reference},
                fail_silently=True,
            )
            return HttpResponseRedirect(back)
    return render(
        request,
        "improvement/satisfaction_followup.html",
        {
            "response": response,
            "answers": [(question_label(q), getattr(response, q)) for q in QUESTIONS],
            "form": form,
            "back": back,
        },
        status=400 if form.errors else 200,
    )
