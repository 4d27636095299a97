"""Public views outside Wagtail's page tree: thin, they call services and selectors."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from django_ratelimit.core import is_ratelimited

from workflow import selectors, services
from workflow.models import Case
from workflow.references import access_code_for, normalise_reference

from .forms import ComplaintForm, TrackingForm


def rate_limited(request, exception=None):
    return render(request, "portal/rate_limited.html", status=429)


def _limited(request, group: str, rate: str, key="ip") -> bool:
    return is_ratelimited(request, group=group, key=key, rate=rate, method="POST", increment=True)


def complaint_form(request, *, page):
    if request.method == "POST":
        form = ComplaintForm(request.POST)
        if _limited(request, "submit", settings.SUBMISSION_RATE_LIMIT):
            return rate_limited(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                submission = services.complaint_submit(
                    kind=data["kind"],
                    category=data["category"],
                    description=data["description"],
                    desired_outcome=data["desired_outcome"],
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    language=data["language"],
                    consent=data["consent"],
                    channel=Case.Channel.WEB,
                    submission_key=data["submission_key"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                request.session["submitted_case"] = submission.case.pk
                return redirect(page.url + page.reverse_subpage("confirmation_view"))
    else:
        form = ComplaintForm()
    return render(
        request,
        "portal/complaint_form_page.html",
        {"page": page, "self": page, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


def complaint_confirmation(request, *, page):
    case = Case.objects.filter(pk=request.session["submitted_case"]).first()
    if case is None:
        return redirect(page.url)
    return render(
        request,
        "portal/complaint_confirmation.html",
        {
            "page": page,
            "self": page,
            "case": case,
            "access_code": access_code_for(reference=case.reference, salt=case.access_salt),
        },
    )


@require_http_methods(["GET", "POST"])
def tracking(request):
    status = None
    not_found = False
    if request.method == "POST":
        form = TrackingForm(request.POST)
        if form.is_valid():
            reference = normalise_reference(form.cleaned_data["reference"]) or "invalid"
            if _limited(request, "track-ip", settings.TRACKING_RATE_LIMIT) or _limited(
                request, "track-ref", settings.TRACKING_RATE_LIMIT, key=lambda group, req: reference
            ):
                return rate_limited(request)
            status = selectors.case_public_status_get(
                reference=form.cleaned_data["reference"],
                second_factor=form.cleaned_data["second_factor"],
            )
            not_found = status is None
            if not_found:
                form.add_error(
                    None,
                    _(
                        "We could not find a case with these details. Check the tracking number "
                        "and the email address, mobile number or access code."
                    ),
                )
    else:
        form = TrackingForm(initial={"reference": request.GET.get("ref", "")[:40]})
    return render(
        request,
        "portal/tracking.html",
        {"form": form, "status": status},
        status=404 if not_found else (400 if form.is_bound and form.errors else 200),
    )
