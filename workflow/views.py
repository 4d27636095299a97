"""Staff pages: the case page and its actions, the intake of feedback received by phone or
letter, my work, the workload, deliveries. Thin: each calls a service (or the process
module, to start or advance a flow). The flows' task forms are in `task_views.py`."""

import re
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import forms, outbox, process, selectors, services
from .models import Attachment, Case, CaseEvent, OutboxMessage
from .references import normalise_reference
from .selectors import cases_visible_to


def _may_write_to(user) -> bool:
    """Auditors read; those who work cases may also message the complainant and add notes."""
    return any(
        user.has_perm(f"workflow.{codename}")
        for codename in ("assess_case", "handle_case", "approve_response", "review_case")
    )


def _text_action(service, success):
    """A staff action that posts one text (a message, a note)."""

    def run(request, case, form):
        service(case=case, actor=request.user, text=form.cleaned_data["text"])
        messages.success(request, success, fail_silently=True)
        return HttpResponseRedirect(request.path)

    return run


def _merge_action(request, case, form):
    # Merging closes a case: without the permission to close, the action is refused outright.
    if not request.user.has_perm("workflow.close_case"):
        raise PermissionDenied(
            _("Merging closes a case, so it needs the permission to close cases.")
        )
    target = (
        cases_visible_to(request.user)
        .filter(reference=normalise_reference(form.cleaned_data["into"]) or "")
        .first()
    )
    if target is None:
        form.add_error("into", _("No case you can see has this tracking number."))
        return None
    try:
        process.case_merge(
            duplicate=case,
            into=target,
            actor=request.user,
            move_files=form.cleaned_data["move_files"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(
        request,
        _("Merged into %(reference)s.") % {"reference": target.reference},
        fail_silently=True,
    )
    return HttpResponseRedirect(reverse("case_detail", args=[target.reference]))


@login_required
@require_POST
def case_unmerge(request, reference: str):
    """A complaints manager undoes the merge of a duplicate: the case is open again."""
    case = cases_visible_to(request.user).filter(reference=reference).first()
    if case is None or not request.user.has_perm("workflow.unmerge_case"):
        raise PermissionDenied(_("Only a complaints manager can undo a merge."))
    try:
        process.case_unmerge(duplicate=case, actor=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text, fail_silently=True)
    else:
        messages.success(
            request, _("The merge is undone: this case is open again."), fail_silently=True
        )
    return HttpResponseRedirect(reverse("case_detail", args=[case.reference]))


def _may_revoke_access(user) -> bool:
    """Those who handle cases (handlers, supervisors, managers) may revoke a case's access
    code and links; intake officers, reviewers and auditors may not."""
    return user.has_perm("workflow.handle_case")


def _revoke_action(request, case, form):
    if not _may_revoke_access(request.user):
        raise PermissionDenied
    code = services.case_access_reset(
        case=case,
        actor=request.user,
        reason=form.cleaned_data["reason"],
        notify=form.cleaned_data["notify"],
    )
    messages.success(
        request,
        _(
            "The old access code and every link sent so far no longer open this case. "
            "The new access code is %(code)s."
        )
        % {"code": code},
        fail_silently=True,
    )
    return HttpResponseRedirect(request.path)


# Links other apps add to a case's staff page (the improvement app's "open a corrective
# action", say): each is called with the request and the case and returns (label, url)
# pairs. Registered from the app's ready(), so this module never imports the app.
CaseLinks = Callable[[HttpRequest, Case], list[tuple[str, str]]]
_CASE_LINKS: list[CaseLinks] = []


def case_links_register(links: CaseLinks) -> None:
    """Add links to every case's staff page (called from an app's ready())."""
    if links not in _CASE_LINKS:
        _CASE_LINKS.append(links)


# Links other apps add to the staff home ("My work"): each is called with the request and
# returns (label, url) pairs for the pages that person may open.
StaffLinks = Callable[[HttpRequest], list[tuple[str, str]]]
_STAFF_LINKS: list[StaffLinks] = []


def staff_links_register(links: StaffLinks) -> None:
    """Add links to the staff home (called from an app's ready())."""
    if links not in _STAFF_LINKS:
        _STAFF_LINKS.append(links)


def _staff_links(request) -> list[dict]:
    return [{"label": label, "url": url} for links in _STAFF_LINKS for label, url in links(request)]


def _case_links(request, case: Case) -> list[dict]:
    return [
        {"label": label, "url": url} for links in _CASE_LINKS for label, url in links(request, case)
    ]


# What staff can do on a case's page: action → (form, what it does when the form is valid).
CASE_ACTIONS = {
    "message": (forms.MessageForm, _text_action(services.case_message, _("Message sent."))),
    "note": (forms.NoteForm, _text_action(services.case_note, _("Note added."))),
    "merge": (forms.MergeForm, _merge_action),
    "revoke": (forms.AccessRevokeForm, _revoke_action),
}


@login_required
def case_detail(request, reference: str):
    """A case as staff see it: facts, the complainant's details (reading them is recorded),
    files, the conversation with the complainant apart from internal notes, open tasks,
    notifications, and what the user may do (message, note, merge, retry a delivery)."""
    case = (
        cases_visible_to(request.user, Case.objects.select_related("category", "team", "handler"))
        .filter(reference=reference)
        .first()
    )
    if case is None:
        raise PermissionDenied
    may_write = _may_write_to(request.user)
    bound = {name: form_class(prefix=name) for name, (form_class, _run) in CASE_ACTIONS.items()}
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action == "retry":
            message = case.outbox.filter(pk=request.POST.get("message") or 0).first()
            if message is None:
                return HttpResponseBadRequest()
            outbox.message_retry_now(message=message)
            messages.success(request, _("Delivery will be tried again now."), fail_silently=True)
            return HttpResponseRedirect(request.path)
        if action not in CASE_ACTIONS:
            return HttpResponseBadRequest()
        if action == "revoke" and not _may_revoke_access(request.user):
            raise PermissionDenied
        form_class, run = CASE_ACTIONS[action]
        form = bound[action] = form_class(request.POST, prefix=action)
        if form.is_valid():
            response = run(request, case, form)
            if response is not None:
                return response
    complainant = getattr(case, "complainant", None)
    if complainant is not None:
        services.event_record(
            case=case, kind=CaseEvent.Kind.DATA_VIEWED, actor=request.user, is_public=False
        )
    public_events, internal_events = selectors.case_staff_history(case=case)
    tasks = []
    if case.process_id:
        for task in (
            case.process.task_set.filter(finished__isnull=True, flow_task_type="HUMAN")
            .select_related("owner")
            .order_by("created")
        ):
            task.url = _task_url(task)
            tasks.append(task)
    return render(
        request,
        "workflow/case_detail.html",
        {
            "case": case,
            "complainant": complainant,
            # Shown on the tracking page (without the words the complainant does not see),
            # and internal: notes, and the words of the assessment and the closing.
            "public_events": public_events,
            "internal_events": internal_events,
            "tasks": tasks,
            # Viewflow's page for this case's process: its chart, with the steps done.
            "process_url": reverse(
                f"{_flow_namespace(case.process.flow_class)}:process_detail",
                args=[case.process_id],
            )
            if case.process_id
            else "",
            "may_write": may_write,
            "case_links": _case_links(request, case),
            "is_open": case.status != Case.Status.CLOSED,
            "message_form": bound["message"],
            "note_form": bound["note"],
            "merge_form": bound["merge"],
            "may_revoke": may_write and _may_revoke_access(request.user),
            "revoke_form": bound["revoke"],
            "deliveries": case.outbox.exclude(channel=OutboxMessage.Channel.SEARCH).order_by(
                "-created_at", "-pk"
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def staff_intake(request):
    """Record feedback received by telephone, email, post or in person, on the person's
    behalf: the same case, process and acknowledgement as the web form."""
    if not request.user.has_perm("workflow.assess_case"):
        raise PermissionDenied
    form = forms.StaffIntakeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            submission = process.complaint_submit(
                entered_by=request.user, attachments=data.pop("attachments"), **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Recorded as %(reference)s. Give the person this tracking number and the "
                    "access code %(code)s."
                )
                % {"reference": submission.case.reference, "code": submission.access_code},
                fail_silently=True,
            )
            return HttpResponseRedirect(reverse("case_detail", args=[submission.case.reference]))
    return render(
        request, "workflow/intake.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def attachment_download(request, pk: int):
    """A case's file, for staff who may see the case; anyone else is refused (403)."""
    attachment = (
        Attachment.objects.filter(pk=pk, case__in=cases_visible_to(request.user))
        .select_related("case")
        .first()
    )
    if attachment is None:
        raise PermissionDenied
    services.event_record(
        case=attachment.case,
        kind=CaseEvent.Kind.ATTACHMENT_VIEWED,
        actor=request.user,
        is_public=False,
        data={"attachment": attachment.pk},
    )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@login_required
def deliveries(request):
    """Notifications that could not be delivered yet, across every case the user may see:
    each is retried automatically with backoff; nothing is dropped."""
    if not request.user.has_perm("workflow.view_case"):
        raise PermissionDenied
    failed = list(
        OutboxMessage.objects.filter(
            state=OutboxMessage.State.FAILED, case__in=cases_visible_to(request.user)
        )
        .exclude(channel=OutboxMessage.Channel.SEARCH)
        .select_related("case")
        .order_by("next_attempt_at")[:200]
    )
    # Recipients are personal data: hidden until asked for, each viewing recorded in the
    # case's history like the complainant's details on the case page.
    try:
        show = int(request.GET.get("show", "0")[:12])
    except ValueError:
        show = 0
    for row in failed:
        recipients = row.payload.get("to") or []
        recipients = [recipients] if isinstance(recipients, str) else list(recipients)
        if row.pk == show:
            services.event_record(
                case=row.case,
                kind=CaseEvent.Kind.DATA_VIEWED,
                actor=request.user,
                is_public=False,
                data={"via": "deliveries", "message": row.pk},
            )
            continue
        row.masked = True
        row.masked_error = _redacted(row.last_error, recipients)
    return render(request, "workflow/deliveries.html", {"failed": failed})


def _redacted(text: str, recipients) -> str:
    """`text` (a delivery error, which may quote the address) without the recipients."""
    for recipient in recipients:
        if recipient:
            text = re.sub(re.escape(str(recipient)), "[…]", text, flags=re.IGNORECASE)
    return text


def _flow_namespace(flow_class) -> str:
    return "cases:" + flow_class.__name__.removesuffix("Flow").lower()


def _task_url(task) -> str:
    flow_task = task.flow_task
    namespace = _flow_namespace(flow_task.flow_class)
    return reverse(f"{namespace}:{flow_task.name}:detail", args=[task.process_id, task.pk])


@login_required
def my_work(request):
    """The staff home: my tasks and my teams' tasks, overdue first."""
    if not request.user.has_perm("workflow.view_case"):
        raise PermissionDenied
    mine, teams = selectors.open_tasks_for(user=request.user)
    # Intake officers and reviewers take their work from a queue: show it.
    assessments, reviews = selectors.open_tasks_queued_for(user=request.user)
    listed = {task.pk for task in (*mine, *teams)}
    assessments = [task for task in assessments if task.pk not in listed]
    reviews = [task for task in reviews if task.pk not in listed]
    for task in (*mine, *teams, *assessments, *reviews):
        task.url = _task_url(task)
    return render(
        request,
        "workflow/my_work.html",
        {
            "mine": mine,
            "teams": teams,
            "assessments": assessments,
            "reviews": reviews,
            "may_assess": request.user.has_perm("workflow.assess_case"),
            "may_review": request.user.has_perm("workflow.review_case"),
            "now": timezone.now(),
            "staff_links": _staff_links(request),
        },
    )


@login_required
def cases_home(request):
    """`/staff/cases/`: the cases the person may see (the staff search lists them, newest
    first); editors, who handle no cases, go to the CMS."""
    if request.user.has_perm("workflow.view_case"):
        return HttpResponseRedirect(reverse("staff_search") + "?sort=newest")
    if request.user.has_perm("wagtailadmin.access_admin"):
        return HttpResponseRedirect(reverse("wagtailadmin_home"))
    raise PermissionDenied


@login_required
def workload(request):
    """Open, overdue and escalated cases per team and per person, for those who see all
    cases (complaints managers, auditors, administrators)."""
    if not request.user.has_perm("workflow.view_all_cases"):
        raise PermissionDenied
    teams, people = selectors.workload_get()
    return render(request, "workflow/workload.html", {"teams": teams, "people": people})
