"""Public views outside Wagtail's page tree: thin, they call services and selectors."""

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

from search.selectors import case_token_lookup
from workflow import process, selectors, services
from workflow.models import Case
from workflow.references import access_code_for, normalise_reference

from .forms import AddInformationForm, ReplyForm, SurveyForm, TrackingForm, site_search_words
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


@require_http_methods(["GET", "POST"])
def tracking(request):
    """Look a case up by tracking number and second factor, then open its page (the same
    page a notification's signed link opens), so a reload never repeats the lookup."""
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
            token = case_token_lookup(
                reference=form.cleaned_data["reference"],
                second_factor=form.cleaned_data["second_factor"],
            )
            if token is not None:
                return redirect("tracking_link", token=token)
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
    response = render(
        request,
        "portal/tracking.html",
        {"form": form, "blank_form_shared": not form.is_bound and not form.initial["reference"]},
        status=404 if not_found else (400 if form.is_bound and form.errors else 200),
    )
    add_never_cache_headers(response)
    return response


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


@require_http_methods(["GET", "POST"])
def tracking_link(request, token: str):
    """A case's page, opened by its signed link: status, timeline, messages, and what the
    complainant can do now (add information, accept or contest, answer the survey)."""
    case = selectors.case_by_token(token=token[:500])
    if case is None:
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
        add_never_cache_headers(response)
        return response
    status = selectors.case_public_status_of(case)
    # Only the actions open now are offered (and shown).
    actions = {
        name: form_class
        for name, (form_class, flag) in CASE_ACTIONS.items()
        if getattr(status, flag)
    }
    bound = {}  # the forms built from what the complainant sent
    http_status = 200
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
