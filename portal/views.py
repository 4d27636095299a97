"""Public views outside Wagtail's page tree: thin, they call services and selectors."""

from django.core import signing
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from workflow import selectors
from workflow.models import Case
from workflow.references import access_code_for, normalise_reference

from .forms import TrackingForm
from .ratelimit import client_address, tracking_limit

RECEIPT_SALT = "portal.confirmation"
RECEIPT_MAX_AGE = 3600


def rate_limited(request):
    return render(request, "portal/rate_limited.html", status=429)


def complaint_confirmation(request, *, page):
    """The receipt: a signed, short-lived link written by the submission (no session)."""
    try:
        case_pk = signing.loads(
            request.GET.get("receipt", ""), salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE
        )
    except signing.BadSignature:
        return redirect(page.url)
    case = Case.objects.filter(pk=case_pk).first()
    if case is None:
        return redirect(page.url)
    response = render(
        request,
        "portal/complaint_confirmation.html",
        {
            "page": page,
            "self": page,
            "case": case,
            "access_code": access_code_for(reference=case.reference, salt=case.access_salt),
        },
    )
    # It shows the access code: never kept by a cache.
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "POST"])
def tracking(request):
    status = None
    not_found = False
    if request.method == "POST":
        form = TrackingForm(request.POST)
        if form.is_valid():
            # Failed lookups count, per client address and per tracking number.
            limit = tracking_limit()
            keys = (
                client_address(request),
                normalise_reference(form.cleaned_data["reference"]) or "-",
            )
            if limit.blocked(*keys):
                return rate_limited(request)
            status = selectors.case_public_status_get(
                reference=form.cleaned_data["reference"],
                second_factor=form.cleaned_data["second_factor"],
            )
            not_found = status is None
            if not_found:
                limit.count(*keys)
                form.add_error(
                    None,
                    _(
                        "We could not find a case with these details. Check the tracking number "
                        "and the email address, mobile number or access code."
                    ),
                )
    else:
        form = TrackingForm(initial={"reference": request.GET.get("ref", "")[:40]})
    response = render(
        request,
        "portal/tracking.html",
        {"form": form, "status": status},
        status=404 if not_found else (400 if form.is_bound and form.errors else 200),
    )
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET"])
def tracking_link(request, token: str):
    """The signed link from a notification: the case's status, no typing needed."""
    status = selectors.case_public_status_by_token(token=token[:500])
    if status is None:
        link_error = _(
            "This link has expired or is no longer valid. Enter your tracking number and "
            "your email address, mobile number or access code instead."
        )
        response = render(
            request,
            "portal/tracking.html",
            {"form": TrackingForm(), "link_error": link_error},
            status=404,
        )
    else:
        response = render(request, "portal/tracking.html", {"form": None, "status": status})
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET"])
def site_search(request):
    """Search the portal's pages, in any of the five languages."""
    from wagtail.models import Page

    query = request.GET.get("q", "").strip()[:100]
    results = []
    if query:
        results = list(Page.objects.live().public().specific().search(query)[:20])
    return render(request, "portal/search.html", {"query": query, "results": results})
