"""Public views outside Wagtail's page tree: thin, they call services and selectors."""

from dataclasses import replace
from functools import partial

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from wagtail.models import Page

from search.selectors import case_access_lookup
from workflow import process, selectors, services
from workflow.models import Case
from workflow.references import access_code_for, normalise_reference

from . import access
from .forms import (
    AddInformationForm,
    ConfirmForm,
    ReplyForm,
    SurveyForm,
    TrackingForm,
    site_search_words,
)
from .ratelimit import client_address, submission_limit, tracking_limit
from .selectors import feedback_form_texts

RECEIPT_SALT = "portal.confirmation"
RECEIPT_MAX_AGE = 3600


def rate_limited(request, *, retry_after: int):
    response = render(request, "portal/rate_limited.html", status=429)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


@require_safe
def complaint_confirmation(request):
    """The receipt: a signed, short-lived link written by the submission (no session)."""
    try:
        case_pk = signing.loads(
            request.GET.get("receipt", ""), salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE
        )
    except signing.BadSignature:
        return redirect(reverse("feedback"))
    case = Case.objects.filter(pk=case_pk).select_related("complainant").first()
    if case is None:
        return redirect(reverse("feedback"))
    # The codes go out with the acknowledgement only to an email address or phone number
    # given (workflow.notifications.customer_notify): the page says so only then.
    complainant = getattr(case, "complainant", None)
    sent_to = complainant is not None and bool(complainant.email or complainant.phone)
    response = render(
        request,
        "portal/complaint_confirmation.html",
        {
            "texts": feedback_form_texts(),
            "case": case,
            "access_code": access_code_for(reference=case.reference, salt=case.access_salt),
            "sent_to": sent_to,
        },
    )
    # It shows the access code: never kept by a cache.
    add_never_cache_headers(response)
    return response


def _tracking_page(request, form, *, status=200, link_error="", notice=""):
    """The lookup form (no case shown): the tracking page, and the case page of a browser
    without access to that case."""
    response = render(
        request,
        "portal/tracking.html",
        {
            "form": form,
            "blank_form_shared": not form.is_bound and not form.initial.get("reference"),
            "link_error": link_error,
            "notice": notice,
        },
        status=status,
    )
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "POST"])
def tracking(request):
    """Look a case up by tracking number and second factor: the browser is given access
    to the case (portal/access.py), then its page opens at its plain address (no token:
    nothing in the browser's history opens it), so a reload never repeats the lookup."""
    not_found = False
    if request.method == "POST":
        form = TrackingForm(request.POST)
        if form.is_valid():
            # Failed lookups count, per client address and per tracking number. A client
            # over its limit is refused; a number over its limit refuses only wrong
            # answers, so guessing never locks the owner out of their case. An unknown
            # number is limited the same way: the answers tell nothing about existence.
            limit = tracking_limit()
            keys = (
                client_address(request),
                normalise_reference(form.cleaned_data["reference"]) or "-",
            )
            client_over, number_over = limit.exceeded(*keys)
            if client_over:
                return rate_limited(request, retry_after=limit.retry_after())
            found = case_access_lookup(
                reference=form.cleaned_data["reference"],
                second_factor=form.cleaned_data["second_factor"],
            )
            if found is not None:
                access.grant(request.case_access, found, full=True)
                return redirect("tracking_case", reference=found.reference)
            limit.count(*keys)
            if number_over:
                return rate_limited(request, retry_after=limit.retry_after())
            not_found = True
            # Shown at the tracking number (the summary links there); the second factor is
            # marked invalid with it (TrackingForm.invalid_with).
            form.add_error(
                "reference",
                ValidationError(
                    _(
                        "We could not find a case with these details. Check the tracking "
                        "number and the email address, mobile number or access code."
                    ),
                    code="not_found",
                ),
            )
    else:
        form = TrackingForm(initial={"reference": request.GET.get("ref", "")[:40]})
    return _tracking_page(
        request,
        form,
        status=404 if not_found else (400 if form.is_bound and form.errors else 200),
    )


@require_safe
def tracking_link(request, token: str):
    """The link in a notification: for TRACKING_LINK_HOURS, until revoked, it gives the
    browser read access to the case, then opens the case's plain address (the token does
    not stay in the address bar, nor in a Referer). Acting on the case needs the second
    factor."""
    found = selectors.case_access_by_token(token=token[:500])
    if found is None:
        link_error = _(
            "This link has expired or is no longer valid. Enter your tracking number and "
            "your email address, mobile number or access code instead."
        )
        return _tracking_page(request, TrackingForm(), status=404, link_error=link_error)
    access.grant(request.case_access, found, full=False)
    return redirect("tracking_case", reference=found.reference)


# What the complainant can do on their case's page: form, when it is offered, service.
CASE_ACTIONS = {
    "add": (AddInformationForm, "can_add"),
    "reply": (ReplyForm, "awaiting_reply"),
    "survey": (SurveyForm, "survey_open"),
}


def _case_action(case, action: str, data: dict) -> str:
    """Run the complainant's action; returns the confirmation to show."""
    case = Case.objects.select_related("team__supervisor", "handler").get(pk=case.pk)
    if action == "add":
        services.case_information_add(case=case, text=data["text"], attachments=data["files"])
        return _("Thank you. We have added this to your case and told the person handling it.")
    if action == "reply":
        accepted = data["answer"] == "accept"
        process.case_reply(case=case, accepted=accepted, reasons=data["reasons"])
        if accepted:
            return _("Thank you. You have accepted our decision; we will now carry it out.")
        return _(
            "Thank you. Someone who has not been involved in your case will review our "
            "decision, and we will tell you the outcome."
        )
    services.survey_answer(case=case, **data)
    return _("Thank you for answering our survey. It helps us improve.")


def _kept(request, reference: str | None) -> str:
    """Keep what a refused POST of a case page's form had typed (see access.draft_keep);
    the sentence that says so, or an empty one."""
    action = request.POST.get("action", "")
    if not reference or action not in CASE_ACTIONS:
        return ""
    kept = access.draft_keep(
        request.case_access, request.session, reference, action=action, post=request.POST
    )
    if not kept:
        return ""
    return _(
        "What you typed is kept: it will be back in the form once you have confirmed who "
        "you are (files you chose need choosing again)."
    )


def _no_access(request, reference: str | None, *, ended: bool):
    """The case page of a browser without (valid) access to the case: the lookup form,
    the tracking number filled in. Whether the number exists is not told."""
    if ended:
        notice = _(
            "For your security, your access to this case has ended. Enter your tracking "
            "number and your email address, mobile number or access code again."
        )
    else:
        notice = _(
            "To see this case, enter your email address, mobile number or access code "
            "with its tracking number."
        )
    if request.method == "POST":
        notice = " ".join([_("What you sent was not recorded."), _kept(request, reference), notice])
    form = TrackingForm(initial={"reference": reference or ""})
    status = 403 if request.method == "POST" else (200 if reference else 404)
    return _tracking_page(request, form, status=status, notice=notice)


@require_http_methods(["GET", "POST"])
def tracking_case(request, reference: str):
    """A case's page, for a browser given access to it: status, timeline, messages, and
    what the complainant can do now (add information, accept or contest, answer the
    survey) once the browser has full access."""
    reference = normalise_reference(reference[:40])
    held, ended = access.held(request.case_access, reference) if reference else (None, False)
    if held is None:
        return _no_access(request, reference, ended=ended)
    case = selectors.case_for_access(case_id=held.case_id, fingerprint=held.fingerprint)
    if case is None:  # revoked since (a new access salt), or gone
        access.drop(request.case_access, reference)
        return _no_access(request, reference, ended=True)
    status = selectors.case_public_status_of(case)
    waiting = {name for name, (_form, flag) in CASE_ACTIONS.items() if getattr(status, flag)}
    if not held.full:
        return _case_read_only(request, status, waiting)
    # Only the actions open now are offered (and shown).
    actions = {name: CASE_ACTIONS[name][0] for name in waiting}
    bound = {}  # the forms built from what the complainant sent (or had typed before)
    http_status = 200
    draft = (
        access.draft_take(request.case_access, request.session, reference)
        if request.method == "GET"
        else None
    )
    if draft is not None and draft[0] in actions:
        name, initial = draft
        bound[name] = actions[name](prefix=name, initial=initial)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in actions:
            messages.info(request, _("That is no longer possible for this case."))
            return redirect(request.path)
        form = actions[action](request.POST, request.FILES, prefix=action)
        bound[action] = form
        limit, keys = submission_limit(), (client_address(request), str(case.pk))
        # An error about the whole form (too many attempts, a refusal of the service) is
        # shown at its first question: the error summary links there and the message is
        # beside the answer it concerns.
        first_field = next(iter(form.fields))
        if limit.blocked(*keys):
            form.add_error(
                first_field, _("You have sent this too many times. Wait a while and try again.")
            )
            http_status = 429
            retry_after = limit.retry_after()
        elif form.is_valid():
            limit.count(*keys)
            try:
                confirmation = _case_action(case, action, form.cleaned_data)
            except ValidationError as error:
                form.add_error(first_field, error.messages)
            else:
                messages.success(request, confirmation)
                return redirect(request.path)
        if http_status == 200:
            http_status = 400
    response = render(
        request,
        "portal/case.html",
        {
            "status": status,
            "bound": bound,
            # The blank forms, built only if their fields are rendered (not kept yet).
            "blank": {
                name: SimpleLazyObject(partial(form_class, prefix=name))
                for name, form_class in actions.items()
            },
            "errors_form": _first_invalid(bound),
        },
        status=http_status,
    )
    if http_status == 429:
        response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


def _case_read_only(request, status, waiting: set[str]):
    """The case page opened by a link: everything it shows, no form but the second
    factor's, which gives the browser full access. An action sent without it is not run."""
    refused = request.method == "POST"
    kept = bool(refused and _kept(request, status.reference))
    response = render(
        request,
        "portal/case.html",
        {
            # The same fragments, named by the read-only state (no form opened in them).
            "status": replace(status, awaiting_reply=False, can_add=False, survey_open=False),
            "bound": {},
            "blank": {},
            "errors_form": None,
            "confirm": {
                "waiting": waiting,
                "reply_by": status.due_at if status.awaiting_reply else None,
                "refused": refused,
                "kept": kept,
                "form": ConfirmForm(initial={"reference": status.reference}),
            },
        },
        status=403 if refused else 200,
    )
    add_never_cache_headers(response)
    return response


def _first_invalid(forms: dict):
    return next((form for form in forms.values() if form.is_bound and form.errors), None)


@require_http_methods(["GET"])
def site_search(request):
    """Search the portal's pages, in any of the five languages."""
    query = site_search_words(request.GET.get("q", ""))
    results = []
    if query:
        results = list(Page.objects.live().public().specific().search(query)[:20])
    return render(request, "portal/search.html", {"query": query, "results": results})
