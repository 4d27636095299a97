"""Staff pages of corrective and preventive actions (ISO 10002 8.7): the list with its
filters, an action's page (its cases, its log, its effectiveness check), opening and
changing one, adding to its log, recording its check. Thin: each reads through the
selectors and writes through one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from workflow.models import Case, RootCause
from workflow.references import normalise_reference
from workflow.selectors import cases_visible_to

from ..forms.actions import ActionFilterForm, ActionForm, CheckForm, LogEntryForm
from ..models import CorrectiveAction
from ..selectors import actions as selectors
from ..services import actions as services


def _action_or_403(request, pk: int, *, change: bool = False) -> CorrectiveAction:
    action = selectors.action_get(user=request.user, pk=pk)
    if action is None:
        raise PermissionDenied
    if change and not selectors.action_may_change(user=request.user, action=action):
        raise PermissionDenied
    return action


def _form_errors(form, error: ValidationError) -> None:
    form.add_error(None, error)


@login_required
def action_list(request):
    """The actions the user may see, filtered by status, owner and overdue."""
    if not request.user.has_perm("improvement.view_correctiveaction"):
        raise PermissionDenied
    form = ActionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    actions = list(
        selectors.actions_list(
            user=request.user,
            status=filters.get("status", ""),
            owner=filters.get("owner"),
            overdue=filters.get("overdue", False),
            today=today,
        )
    )
    for action in actions:
        action.overdue = action.is_overdue(today)
    return render(
        request,
        "improvement/actions/list.html",
        {
            "form": form,
            "actions": actions,
            "may_add": request.user.has_perm("improvement.add_correctiveaction"),
        },
        status=400 if form.errors else 200,
    )


def _initial_for_new(request) -> dict:
    """?case=<tracking number> (repeatable): the cases preselected, and their root cause
    when they share one; ?cause=<id>: an action from an analysis of that cause."""
    references = [normalise_reference(value) for value in request.GET.getlist("case")[:50]]
    cases = list(
        cases_visible_to(request.user, Case.objects.filter(reference__in=filter(None, references)))
    )
    initial = {"cases": "\n".join(case.reference for case in cases)}
    causes = {case.cause_id for case in cases}
    if len(causes) == 1 and None not in causes:
        initial["root_cause"] = causes.pop()
    cause = request.GET.get("cause", "")
    if (
        cause.isdigit()
        and len(cause) <= 9
        and RootCause.objects.filter(pk=int(cause), is_active=True).exists()
    ):
        initial["root_cause"] = int(cause)
    initial["owner"] = request.user.pk
    return initial


@login_required
def action_create(request):
    """Open an action from one or many cases, or from nothing (an analysis)."""
    if not request.user.has_perm("improvement.add_correctiveaction"):
        raise PermissionDenied
    if request.method == "POST":
        form = ActionForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                action = services.action_open(
                    actor=request.user,
                    kind=data["kind"],
                    title=data["title"],
                    description=data["description"],
                    owner=data["owner"],
                    due_on=data["due_on"],
                    root_cause=data["root_cause"],
                    check_after_days=data["check_after_days"],
                    cases=data["cases"],
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Action %(number)s opened.") % {"number": action.number},
                    fail_silently=True,
                )
                return HttpResponseRedirect(services.action_url(action))
    else:
        form = ActionForm(user=request.user, initial=_initial_for_new(request))
    return render(
        request,
        "improvement/actions/form.html",
        {"form": form, "action": None},
        status=400 if form.errors else 200,
    )


@login_required
def action_update(request, pk: int):
    action = _action_or_403(request, pk, change=True)
    if action.status in CorrectiveAction.FINAL_STATUSES:
        messages.error(
            request,
            _("This action is finished: it can no longer be changed."),
            fail_silently=True,
        )
        return HttpResponseRedirect(services.action_url(action))
    # The form works on its own copy: the service reads the action as stored.
    editable = selectors.action_get(user=request.user, pk=pk)
    if request.method == "POST":
        form = ActionForm(request.POST, instance=editable, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.action_update(
                    action=action,
                    actor=request.user,
                    kind=data["kind"],
                    title=data["title"],
                    description=data["description"],
                    owner=data["owner"],
                    due_on=data["due_on"],
                    status=data["status"],
                    root_cause=data["root_cause"],
                    check_after_days=data["check_after_days"],
                    cases=data["cases"],
                    note=data["note"],
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Action saved."), fail_silently=True)
                return HttpResponseRedirect(services.action_url(action))
    else:
        form = ActionForm(instance=editable, user=request.user)
    return render(
        request,
        "improvement/actions/form.html",
        {"form": form, "action": action},
        status=400 if form.errors else 200,
    )


def _detail(request, action, *, log_form=None, check_form=None, status=200):
    today = timezone.localdate()
    may_change = selectors.action_may_change(user=request.user, action=action)
    recurrence = selectors.action_recurrence(action=action)
    return render(
        request,
        "improvement/actions/detail.html",
        {
            "action": action,
            "cases": selectors.action_cases(action=action, user=request.user),
            "log": action.log.select_related("author"),
            "overdue": action.is_overdue(today),
            "may_change": may_change and action.status not in CorrectiveAction.FINAL_STATUSES,
            "log_form": log_form or LogEntryForm(initial={"done_on": today}),
            "check_due": action.check_is_due(),
            "check_form": check_form or CheckForm(),
            "recurrence": recurrence,
            "may_check": may_change and action.status == CorrectiveAction.Status.DONE,
        },
        status=status,
    )


@login_required
def action_detail(request, pk: int):
    return _detail(request, _action_or_403(request, pk))


@login_required
@require_POST
def action_log_add(request, pk: int):
    action = _action_or_403(request, pk, change=True)
    form = LogEntryForm(request.POST)
    if form.is_valid():
        try:
            services.action_log_add(
                action=action,
                actor=request.user,
                text=form.cleaned_data["text"],
                done_on=form.cleaned_data["done_on"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Added to the log."), fail_silently=True)
            return HttpResponseRedirect(services.action_url(action))
    return _detail(request, action, log_form=form, status=400)


@login_required
@require_POST
def action_check(request, pk: int):
    """Record the effectiveness check, beside the recurrence figures it is based on."""
    action = _action_or_403(request, pk, change=True)
    form = CheckForm(request.POST)
    if form.is_valid():
        try:
            services.action_check_record(
                action=action,
                actor=request.user,
                effective=form.cleaned_data["effective"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Effectiveness check recorded."), fail_silently=True)
            return HttpResponseRedirect(services.action_url(action))
    return _detail(request, action, check_form=form, status=400)


def case_links(request, case) -> list[tuple[str, str]]:
    """On a case's staff page: open an action with this case preselected, and the
    actions it is linked to (registered with workflow.views in ready())."""
    links = []
    if request.user.has_perm("improvement.add_correctiveaction"):
        links.append(
            (
                _("Open a corrective or preventive action for this case"),
                reverse("improvement:action_create") + f"?case={case.reference}",
            )
        )
    if request.user.has_perm("improvement.view_correctiveaction"):
        for action in selectors.actions_visible_to(
            request.user, case.corrective_actions.all()
        ).only("pk", "title", "status"):
            links.append(
                (
                    _("Action %(action)s (%(status)s)")
                    % {"action": str(action), "status": action.get_status_display()},
                    services.action_url(action),
                )
            )
    return links


def staff_links(request) -> list[tuple[str, str]]:
    """On the staff home: the actions, for those who may read them (registered with
    workflow.views in ready())."""
    if request.user.has_perm("improvement.view_correctiveaction"):
        return [(_("Corrective and preventive actions"), reverse("improvement:action_list"))]
    return []
