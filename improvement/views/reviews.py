"""Staff pages of management reviews (ISO 10002 5.2, 8.6): the list, a new review for a
period (its figures frozen), the review with its figures (charts and tables), the meeting
and its decisions, the sign-off by top management, and the pack as PDF (in the reader's
language) and CSV."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import charts, kpis
from ..forms.reviews import DecisionFormSet, ReviewCreateForm, ReviewForm
from ..models import ReviewPack
from ..selectors.reviews import pack_view, review_decisions, review_get, reviews_list
from ..services import reviews as services

VIEW = "improvement.view_managementreview"
ADD = "improvement.add_managementreview"
CHANGE = "improvement.change_managementreview"
SIGNOFF = "improvement.signoff_managementreview"
OPEN_ACTION = "improvement.add_correctiveaction"


def _review_or_404(pk: int):
    review = review_get(pk)
    if review is None:
        raise Http404
    return review


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
@permission_required(VIEW, raise_exception=True)
def review_list(request):
    return render(request, "improvement/reviews/list.html", {"reviews": reviews_list()})


@login_required
@permission_required(ADD, raise_exception=True)
def review_create(request):
    form = ReviewCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_create(
                actor=request.user,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The review is prepared: its figures are frozen."), fail_silently=True
            )
            return redirect("improvement:review_detail", pk=review.pk)
    return render(
        request,
        "improvement/reviews/create.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def _charts(pack: dict) -> dict:
    months = pack["months"]
    labels = [row["short"] for row in months]
    result = {
        "volume": charts.line_chart(
            chart_id="chart-review-volume",
            title=_("Cases received and closed per month"),
            description=_("Line chart; the table below gives the same figures."),
            labels=labels,
            series=[
                (_("Received"), [row["received"] for row in months]),
                (_("Closed"), [row["closed"] for row in months]),
            ],
        ),
        "deadlines": charts.line_chart(
            chart_id="chart-review-deadlines",
            title=_("Steps done within their deadline, per month"),
            description=_("Line chart of percentages; the table below gives the same figures."),
            labels=labels,
            series=[(_("Within deadline"), [row["within_rate"] for row in months])],
            percent=True,
        ),
        "causes": None,
        "objectives": None,
    }
    causes = pack["causes"]["top"]
    if causes:
        result["causes"] = charts.bar_chart(
            chart_id="chart-review-causes",
            title=_("Complaints per root cause"),
            description=_("Bar chart; the table below gives the same figures."),
            labels=[row["name"] for row in causes],
            series=[(_("Complaints"), [row["count"] for row in causes])],
        )
    with_target = [
        row for row in pack["kpis"] if row["target"] is not None and row["unit"] == kpis.PERCENT
    ]
    if with_target:
        result["objectives"] = charts.bar_chart(
            chart_id="chart-review-objectives",
            title=_("Objectives against actual figures (percentages)"),
            description=_("Bar chart; the indicators table above gives the same figures."),
            labels=[row["label"] for row in with_target],
            series=[
                (_("Actual"), [row["actual"] for row in with_target]),
                (_("Objective"), [float(row["target"]) for row in with_target]),
            ],
            percent=True,
        )
    return result


@login_required
@permission_required(VIEW, raise_exception=True)
def review_detail(request, pk: int):
    review = _review_or_404(pk)
    pack = pack_view(review.inputs)
    user = request.user
    return render(
        request,
        "improvement/reviews/detail.html",
        {
            "review": review,
            "pack": pack,
            "charts": _charts(pack),
            "attendees": list(review.attendees.order_by("last_name", "username")),
            "decisions": review_decisions(review),
            "may_change": user.has_perm(CHANGE) and not review.is_signed_off,
            "may_sign_off": user.has_perm(SIGNOFF) and not review.is_signed_off,
            "languages": settings.LANGUAGES,
        },
    )


def _decision_initial(review) -> list[dict]:
    return [
        {
            "id": decision.pk,
            "text": decision.text,
            "owner": decision.owner_id,
            "due_on": decision.due_on,
            "open_action": bool(decision.corrective_action_id),
        }
        for decision in review_decisions(review)
    ]


@login_required
@permission_required(CHANGE, raise_exception=True)
def review_edit(request, pk: int):
    review = _review_or_404(pk)
    if review.is_signed_off:
        messages.error(
            request,
            _("This review is signed off: it can no longer be changed."),
            fail_silently=True,
        )
        return redirect("improvement:review_detail", pk=review.pk)
    may_open = request.user.has_perm(OPEN_ACTION)
    initial = {
        "meeting_date": review.meeting_date,
        "attendees": [user.pk for user in review.attendees.all()],
        "other_attendees": review.other_attendees,
        "recommendations": review.recommendations,
    }
    data = request.POST if request.method == "POST" else None
    form = ReviewForm(data, initial=initial)
    decisions = DecisionFormSet(
        data,
        initial=_decision_initial(review),
        prefix="decisions",
        form_kwargs={"may_open_actions": may_open},
    )
    if request.method == "POST" and form.is_valid() and decisions.is_valid():
        changes = [change for row in decisions.forms if (change := row.change()) is not None]
        try:
            services.review_update(
                review=review,
                actor=request.user,
                meeting_date=form.cleaned_data["meeting_date"],
                attendees=form.cleaned_data["attendees"],
                other_attendees=form.cleaned_data["other_attendees"],
                recommendations=form.cleaned_data["recommendations"],
                decisions=changes,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The review is saved."), fail_silently=True)
            return redirect("improvement:review_detail", pk=review.pk)
    actions = {decision.pk: decision.corrective_action for decision in review_decisions(review)}
    rows = [(row, actions.get(row.initial.get("id"))) for row in decisions.forms]
    return render(
        request,
        "improvement/reviews/edit.html",
        {"review": review, "form": form, "decisions": decisions, "rows": rows},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@permission_required(CHANGE, raise_exception=True)
@require_POST
def review_refresh(request, pk: int):
    review = _review_or_404(pk)
    try:
        services.review_refresh(review=review, actor=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error), fail_silently=True)
    else:
        messages.success(request, _("The figures were taken again."), fail_silently=True)
    return redirect("improvement:review_detail", pk=review.pk)


@login_required
@permission_required(SIGNOFF, raise_exception=True)
def review_signoff(request, pk: int):
    review = _review_or_404(pk)
    error = ""
    if request.method == "POST":
        try:
            services.review_signoff(review=review, actor=request.user)
        except ValidationError as refused:
            error = _error_text(refused)
        else:
            messages.success(request, _("The review is signed off."), fail_silently=True)
            return redirect("improvement:review_detail", pk=review.pk)
    return render(
        request,
        "improvement/reviews/signoff.html",
        {"review": review, "error": error},
        status=400 if error else 200,
    )


def _pack_language(request) -> str:
    asked = request.GET.get("language", "")
    codes = {code for code, _label in settings.LANGUAGES}
    return asked if asked in codes else translation.get_language()


@login_required
@permission_required(VIEW, raise_exception=True)
def review_pack_pdf(request, pk: int):
    return _pack_response(request, pk, ReviewPack.Format.PDF, "application/pdf")


@login_required
@permission_required(VIEW, raise_exception=True)
def review_pack_csv(request, pk: int):
    return _pack_response(request, pk, ReviewPack.Format.CSV, "text/csv; charset=utf-8")


def _pack_response(request, pk: int, file_format: str, content_type: str):
    review = _review_or_404(pk)
    language = _pack_language(request)
    try:
        content, digest = services.review_pack(
            review=review, file_format=file_format, language=language
        )
    except services.PackDamaged:
        return render(
            request,
            "improvement/reviews/pack_damaged.html",
            {"review": review},
            status=409,
        )
    response = HttpResponse(content, content_type=content_type)
    name = services.review_pack_filename(review, file_format, language)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["ETag"] = f'"{digest}"'
    response["X-Content-SHA256"] = digest
    response["Cache-Control"] = "no-store"
    return response


def staff_links(request) -> list[tuple[str, str]]:
    """On the staff home: the management reviews, for those who may read them."""
    if request.user.has_perm(VIEW):
        return [(_("Management reviews"), reverse("improvement:reviews"))]
    return []
