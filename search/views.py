"""Staff search: the result list with facets, saved searches and the CSV export."""

import csv
from dataclasses import replace
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .backends.base import (
    FACETS,
    FINISHED_STATUSES,
    MAX_RESULT_WINDOW,
    SearchResult,
    SearchTooBroad,
    SearchUnavailable,
    facets_from_counts,
)
from .conditions import MAX_CONDITION_CASES, condition_names
from .documents import highlight_html
from .forms import SavedSearchForm, StaffSearchForm
from .models import SavedSearch, SearchExport, SearchRecord
from .selectors import case_search, facet_title

# A CSV export holds at most this many cases (narrow the search for more).
EXPORT_MAX_ROWS = 10_000
EXPORT_PAGE = 100
_KEPT = ("q", "received_from", "received_to", "sort", *FACETS)


def _kept() -> tuple[str, ...]:
    """The search's own parameters: its fields, facets and the apps' conditions."""
    return (*_KEPT, *condition_names())


def _overdue(case, now) -> bool:
    """Open and past its due date (as the overdue facet counts it)."""
    return bool(case.due_at and case.due_at < now and case.status not in FINISHED_STATUSES)


def _row(case, highlight: str, now) -> dict:
    """What the result list shows of a case, as text: a row's dozen lookups and filters
    cost the template about four times what they cost here (a page of 25 rows took 13 ms
    of a search's rendering)."""
    handler = case.handler
    return {
        "url": reverse("case_detail", args=[case.reference]),
        "reference": case.reference,
        "language": case.language,
        "highlight": highlight_html(highlight),
        "status": case.staff_status,
        "escalated": _("Escalated (level %(level)s)") % {"level": case.escalation_level}
        if case.escalation_level
        else "",
        "category": str(case.category) if case.category else "",
        "received": formats.date_format(timezone.localtime(case.received_at), "SHORT_DATE_FORMAT"),
        "due": formats.date_format(timezone.localtime(case.due_at), "SHORT_DATETIME_FORMAT")
        if case.due_at
        else "",
        "overdue": _overdue(case, now),
        "handler": (handler.get_full_name() or handler.get_username()) if handler else "",
    }


def _facet_item(name: str, item, approximate: bool) -> dict:
    """A facet value as the filters show it, as text (as `_row`, for the same reason)."""
    count = formats.localize(item.count)
    return {
        "value": item.value,
        "id": f"facet-{name}-{item.value}",
        "label": item.label,
        "selected": item.selected,
        "count": _("about %(count)s") % {"count": count} if approximate else count,
    }


def _query_string(params, **changes) -> str:
    """The search's own parameters (nothing else), with `changes` applied."""
    pairs = [(key, value) for key in _kept() for value in params.getlist(key) if value]
    pairs = [(key, value) for key, value in pairs if key not in changes]
    pairs += [(key, value) for key, value in changes.items() if value not in (None, "")]
    return urlencode(pairs)


def _too_broad_message() -> str:
    return _(
        "These filters select more than %(limit)s cases: choose a shorter period or more filters."
    ) % {"limit": MAX_CONDITION_CASES}


def _unavailable_message() -> str:
    return _(
        "Search is unavailable just now: the search engine does not answer. Try again in a "
        "few minutes; your cases are still listed under My work."
    )


@login_required
@permission_required("workflow.view_case", raise_exception=True)
def staff_search(request):
    form = StaffSearchForm(request.GET)
    return _search_page(request, form)


def _search_page(
    request, form, *, refused: str = "", unavailable: bool = False, too_broad: bool = False
):
    """The search page; `refused` explains an export that was not made; `unavailable`
    (the engine already failed) and `too_broad` (the conditions select too many cases)
    show the page without asking the backend again."""
    query = form.to_query()
    result = None
    if not unavailable and not too_broad:
        try:
            result = case_search(user=request.user, query=query)
        except SearchUnavailable:
            # No fallback to the database backend: its index is not kept up to date while
            # an engine is configured (README, Staff search).
            unavailable = True
        except SearchTooBroad:
            too_broad = True
    if result is None:
        result = SearchResult(
            cases=[], total=0, page=1, pages=1, facets=facets_from_counts(query, {})
        )
    if query.text.strip() and not unavailable:
        # Words are searched in complainants' names and emails too: recorded (who, when,
        # what, how many), as viewing their details on the case page is.
        SearchRecord.objects.create(
            user=request.user,
            query=query.text.strip()[:200],
            query_string=_query_string(request.GET),
            results=result.total,
        )
    now = timezone.now()
    rows = [_row(case, result.highlights.get(case.pk, ""), now) for case in result.cases]
    facets = [
        (
            name,
            facet_title(name),
            [
                _facet_item(name, item, result.approximate)
                for item in result.facets.get(name, [])
                if item.count or item.selected
            ],
        )
        for name in FACETS
    ]
    current = _query_string(request.GET)
    chips = [
        {
            "name": name,
            "value": request.GET.get(name, ""),
            "title": title,
            "text": text,
            "remove": _query_string(request.GET, **{name: None}),
        }
        for name, title, text in form.conditions()
    ]
    return render(
        request,
        "search/staff_search.html",
        {
            "form": form,
            "result": result,
            "rows": rows,
            "facets": facets,
            "query_string": current,
            "previous_page": _query_string(request.GET, page=result.page - 1)
            if result.page > 1
            else "",
            "next_page": _query_string(request.GET, page=result.page + 1)
            if result.page < result.pages
            else "",
            "saved": SavedSearch.objects.filter(owner=request.user),
            "save_form": SavedSearchForm(),
            "unavailable": _unavailable_message() if unavailable else "",
            "too_broad": _too_broad_message() if too_broad else "",
            "refused": refused,
            "conditions": chips,
            "max_window": MAX_RESULT_WINDOW,
        },
        status=503 if unavailable else 400 if form.errors or too_broad else 200,
    )


@login_required
@permission_required("search.view_searchrecord", raise_exception=True)
def search_records(request):
    """For auditors: who searched for which words and who exported which cases, newest
    first, optionally for one person (their user name)."""
    username = request.GET.get("user", "").strip()[:150]
    searches = SearchRecord.objects.select_related("user")
    exports = SearchExport.objects.select_related("user")
    if username:
        searches = searches.filter(user__username=username)
        exports = exports.filter(user__username=username)
    searches = Paginator(searches, 100).get_page(request.GET.get("page"))
    # Every export stays reachable (it listed the last 100 only), paged on its own.
    exports = Paginator(exports.order_by("-created_at", "-pk"), 100).get_page(
        request.GET.get("exports_page")
    )
    return render(
        request,
        "search/search_records.html",
        {"searches": searches, "exports": exports, "username": username},
    )


@login_required
@permission_required("workflow.view_case", raise_exception=True)
@require_POST
def saved_search_create(request):
    form = SavedSearchForm(request.POST)
    query_string = _query_string(QueryDict(request.POST.get("query_string", "")[:4000]))
    if form.is_valid():
        try:
            with transaction.atomic():
                SavedSearch.objects.update_or_create(
                    owner=request.user,
                    name=form.cleaned_data["name"],
                    defaults={"query_string": query_string},
                )
        except IntegrityError:  # two saves of the same name at once: the first one stays
            pass
        messages.success(
            request, _("Search saved as “%(name)s”.") % {"name": form.cleaned_data["name"]}
        )
    else:
        messages.error(request, _("Give the search a name (up to 100 characters) to save it."))
    return redirect(f"{reverse('staff_search')}?{query_string}")


@login_required
@permission_required("workflow.view_case", raise_exception=True)
@require_POST
def saved_search_delete(request, pk: int):
    saved = get_object_or_404(SavedSearch, pk=pk, owner=request.user)
    saved.delete()
    messages.success(request, _("Saved search “%(name)s” deleted.") % {"name": saved.name})
    return redirect("staff_search")


class _Echo:
    def write(self, value):
        return value


def _cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _export_header() -> list[str]:
    return [
        _("Tracking number"),
        _("Type"),
        _("Status"),
        _("Category"),
        _("Priority"),
        _("Channel"),
        _("Language"),
        _("Team"),
        _("Handler"),
        _("Received"),
        _("Next step due"),
        _("Closed"),
        _("Overdue"),
        _("Escalation level"),
    ]


@login_required
@permission_required("workflow.view_case", raise_exception=True)
def search_export(request):
    """The cases of a search as CSV, for analysis: no complainant's personal data; the same
    visibility as the search itself; each export recorded."""
    form = StaffSearchForm(request.GET)
    if not form.is_valid():
        # Never the export of everything visible for a search that was not understood.
        return _search_page(
            request,
            form,
            refused=_("Nothing was exported: correct the search below, then download again."),
        )
    first = form.to_query(page_size=EXPORT_PAGE)
    try:
        first_result = case_search(user=request.user, query=first)
    except SearchUnavailable:
        return _search_page(request, form, refused=_("Nothing was exported."), unavailable=True)
    except SearchTooBroad:
        return _search_page(request, form, refused=_("Nothing was exported."), too_broad=True)
    rows = min(first_result.total, EXPORT_MAX_ROWS)
    SearchExport.objects.create(
        user=request.user, query_string=_query_string(request.GET), rows=rows
    )
    now = timezone.now()

    language = translation.get_language()

    def lines():
        with translation.override(language):
            yield from _lines()

    def _lines():
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow(_export_header())
        sent = 0
        page = 1
        result = first_result
        while sent < rows:
            if page > 1:
                try:
                    result = case_search(user=request.user, query=replace(first, page=page))
                except (SearchUnavailable, SearchTooBroad):
                    # The engine stopped answering mid-way: the file says it is incomplete.
                    yield writer.writerow(
                        [
                            _(
                                "Incomplete: the search engine stopped answering after "
                                "%(rows)s cases."
                            )
                            % {"rows": sent}
                        ]
                    )
                    return
            if not result.cases or result.page != page:
                break
            for case in result.cases[: rows - sent]:
                handler = (
                    case.handler.get_full_name() or case.handler.get_username()
                    if case.handler
                    else ""
                )
                overdue = _overdue(case, now)
                yield writer.writerow(
                    [
                        _cell(value)
                        for value in (
                            case.reference,
                            case.get_kind_display(),
                            case.staff_status,
                            case.category,
                            case.priority or "",
                            case.get_channel_display(),
                            case.language,
                            case.team,
                            handler,
                            case.received_at.isoformat(),
                            case.due_at.isoformat() if case.due_at else "",
                            case.closed_at.isoformat() if case.closed_at else "",
                            _("yes") if overdue else _("no"),
                            case.escalation_level,
                        )
                    ]
                )
                sent += 1
            page += 1

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="cases-{stamp}.csv"'
    return response
