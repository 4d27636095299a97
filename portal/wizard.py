"""The feedback form as a multi-step wizard (django-formtools), one topic per step.

An ordinary Django view under `i18n_patterns` (portal/urls.py: /<language>/feedback/ and
one URL per step below it); the texts editors write for it come from a Wagtail setting
(`FeedbackFormTexts`). Each step has its own URL (works without JavaScript, back and
forward keep the answers), "check your answers" links back to each step, and the
submission happens on the final POST, once per form (its submission key).
"""

import datetime
import json
import time
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from formtools.wizard.storage.session import SessionStorage
from formtools.wizard.views import NamedUrlSessionWizardView, WizardView

from workflow import process
from workflow.models import Case
from workflow.selectors import case_access_of

from . import access
from . import wizard_forms as steps
from .ratelimit import client_address, submission_limit
from .selectors import feedback_form_texts
from .views import RECEIPT_MAX_AGE, RECEIPT_SALT, rate_limited

# When the form was last used, in the session (read by the wizard and the keep-alive).
ACTIVE_KEY = "feedback_active"
# The submission key of the form this session last sent, and when: the same final POST
# again (a double click, or back and send again) shows that case's confirmation.
SENT_KEY = "feedback_sent"

FORMS = [
    ("kind", steps.KindForm),
    ("about", steps.AboutForm),
    ("what", steps.WhatForm),
    ("outcome", steps.OutcomeForm),
    ("files", steps.AttachmentsForm),
    ("you", steps.YouForm),
    ("contact", steps.ContactForm),
    ("consent", steps.ConsentForm),
    ("check", steps.CheckForm),
]


class _KeepAnswers(Exception):  # a control-flow signal, not an error
    """Raised from done() to answer without the wizard forgetting what was typed."""

    def __init__(self, response):
        super().__init__()
        self.response = response


# The conditions read the stored answer itself rather than validating the step's form
# again (formtools' get_cleaned_data_for_step: a tenth of every step). Answers are stored
# once their form is valid; what is kept as typed after a timeout is validated again when
# sent, and meanwhile an unknown value counts as the default, as a failed validation did.


def _is_complaint(wizard) -> bool:
    kind = (wizard.storage.get_step_data("kind") or {}).get("kind-kind")
    return kind not in (Case.Kind.SUGGESTION, Case.Kind.COMPLIMENT)


def _is_named(wizard) -> bool:
    identity = (wizard.storage.get_step_data("you") or {}).get("you-identity")
    return identity != "anonymous"


class QuietSessionStorage(SessionStorage):
    """formtools' session storage marks the session changed on every read, so each step's
    GET would write the session row; this one writes only when the answers changed."""

    def __init__(self, prefix, request=None, file_storage=None):
        # Taken before formtools fills in empty data for a new visitor, as the JSON the
        # session stores (several times cheaper than a deep copy, and it compares what
        # would be written).
        self._snapshot = _as_json(request.session.get(f"wizard_{prefix}"))
        super().__init__(prefix, request, file_storage)

    def _get_data(self):
        return self.request.session[self.prefix]

    def _set_data(self, value):
        # Held in the session object; whether the session row is written is decided once,
        # in update_response.
        self.request.session._session[self.prefix] = value

    data = property(_get_data, _set_data)

    def forget_now(self) -> None:
        """Forget the answers and save the session at once, inside the caller's
        transaction (the submission's: the answers are forgotten exactly when the case is
        recorded, with one commit). The session is then as the response leaves it, so
        nothing is written again after the view."""
        self.reset()
        session = self.request.session
        if session.session_key is None:
            return  # a session not saved yet: the middleware creates it, with its cookie
        session.save()
        session.modified = False
        self._snapshot = _as_json(session.get(self.prefix))

    def update_response(self, response):
        super().update_response(response)
        data = self.request.session.get(self.prefix)
        # A first visit that answered nothing yet creates no session row at all.
        worth_keeping = self._snapshot != "null" or (data and data.get(self.step_data_key))
        if worth_keeping and _as_json(data) != self._snapshot:
            self.request.session.modified = True


def _as_json(value) -> str:
    return json.dumps(value, sort_keys=True, cls=DjangoJSONEncoder)


# The steps whose blank form is a function of the language alone ("about" lists the
# configured topics and limits its date to today; "check" shows the answers).
LANGUAGE_ONLY_STEPS = {"kind", "what", "outcome", "files", "you", "contact", "consent"}


class FeedbackWizard(NamedUrlSessionWizardView):
    @property
    def storage_name(self) -> str:
        # docs/speed.md: SPEED_QUIET_WIZARD_STORAGE=off keeps formtools' own storage.
        if settings.SPEED_QUIET_WIZARD_STORAGE:
            return "portal.wizard.QuietSessionStorage"
        return "formtools.wizard.storage.session.SessionStorage"

    form_list = FORMS
    condition_dict = {"outcome": _is_complaint, "contact": _is_named}
    template_name = "portal/feedback_step.html"
    done_step_name = "done"
    url_name = "feedback_step"

    @property
    def file_storage(self):
        return storages["default"]

    def get_prefix(self, request, *args, **kwargs):
        return "feedback"

    # Files: new uploads are added to the ones kept from earlier visits of the step.

    def _kept_files(self) -> dict:
        return self.storage.get_step_files("files") or {}

    def get_form_kwargs(self, step=None):
        kwargs = super().get_form_kwargs(step)
        if step == "files":
            kwargs["kept"] = list(self._kept_files().values())
        return kwargs

    def get_form(self, step=None, data=None, files=None):
        if (
            (step or self.steps.current) == "files"
            and files is not None
            and not hasattr(files, "getlist")
        ):
            files = None  # stored files are passed as `kept`, not as new uploads
        return super().get_form(step, data, files)

    def process_step_files(self, form):
        if self.steps.current != "files":
            return super().process_step_files(form)
        return {f"file-{uuid.uuid4().hex}": upload for upload in form.cleaned_data["attachments"]}

    # Idle timeout: answers (personal data) are not kept for ever in an abandoned session on
    # a shared computer. The step pages warn before it with a way to keep the answers.

    def _expired(self) -> bool:
        """Forget the answers after FEEDBACK_IDLE_MINUTES without activity; True if so."""
        session = self.request.session
        now = time.time()
        last = session.get(ACTIVE_KEY)
        idle = settings.FEEDBACK_IDLE_MINUTES * 60
        answered = bool(self.storage.data.get(self.storage.step_data_key))
        expired = last is not None and now - last > idle and answered
        # Written at most once a minute, and not before there is anything to keep: reading a
        # step costs no session write just for this.
        in_use = answered or self.request.method == "POST"
        if in_use and (last is None or now - last > 60 or expired):
            session[ACTIVE_KEY] = now
        if expired:
            self.storage.reset()
            self.storage.extra_data = {"submission_key": str(uuid.uuid4())}
        return expired

    def _restart_after_timeout(self):
        """Start again from the first step, keeping what was typed on the page just sent."""
        step = self.request.POST.get(f"{self.get_prefix(self.request)}-current_step", "")
        if step in self.form_list and step != "files":
            self.storage.set_step_data(step, self.request.POST)
        messages.warning(
            self.request,
            _(
                "For your privacy we cleared your answers after %(minutes)s minutes without "
                "activity. What you typed on the last page is kept; please go through the "
                "steps again."
            )
            % {"minutes": settings.FEEDBACK_IDLE_MINUTES},
        )
        return redirect(self.get_step_url(self.steps.first))

    def post(self, *args, **kwargs):
        if self._expired():
            return self._restart_after_timeout()
        sent = self._sent_again()
        if sent is not None:
            return self._confirmation(sent)
        self._submission_key_ensure()
        remove = self.request.POST.get("remove")
        if remove and self.steps.current == "files":
            stored = self.storage.data[self.storage.step_files_key].get("files", {})
            if remove in stored:
                self.storage.file_storage.delete(stored.pop(remove)["tmp_name"])
                self.request.session.modified = True
            return redirect(self.get_step_url("files"))
        return super().post(*args, **kwargs)

    def get(self, *args, **kwargs):
        if self._expired():
            return self._restart_after_timeout()
        self._submission_key_ensure()
        return super().get(*args, **kwargs)

    def _sent_again(self) -> Case | None:
        """The case of a final POST repeated after its case was recorded (the answers are
        forgotten by then), or None."""
        step = self.request.POST.get(f"{self.get_prefix(self.request)}-current_step", "")
        sent = self.request.session.get(SENT_KEY)
        if step != "check" or not sent or self.storage.data.get(self.storage.step_data_key):
            return None
        key, at = sent
        if time.time() - at > RECEIPT_MAX_AGE:
            return None
        return Case.objects.filter(submission_key=key).first()

    def _confirmation(self, case):
        receipt = signing.dumps(case.pk, salt=RECEIPT_SALT)
        confirmation = reverse("feedback_confirmation")
        return redirect(f"{confirmation}?{urlencode({'receipt': receipt})}")

    def _answers_forget(self) -> None:
        """Forget the answers and save the session at once, inside the submission's
        transaction: the answers are forgotten exactly when the case is recorded."""
        if isinstance(self.storage, QuietSessionStorage):
            self.storage.forget_now()
            return
        self.storage.reset()
        if self.request.session.session_key is not None:
            self.request.session.save()

    def _submission_key_ensure(self):
        """The form's one-time key: the same case comes back for a repeated final POST."""
        if "submission_key" not in self.storage.extra_data:
            self.storage.extra_data = {"submission_key": str(uuid.uuid4())}

    def render_next_step(self, form, **kwargs):
        # After a change from "check your answers", go back there.
        if self.request.GET.get("return") == "check":
            return redirect(self.get_step_url("check"))
        return super().render_next_step(form, **kwargs)

    def render_done(self, form, **kwargs):
        # Submit on the final POST itself, not on a later GET of a "done" address; the
        # answers are only forgotten once the case exists.
        try:
            return WizardView.render_done(self, form, **kwargs)
        except _KeepAnswers as keep:
            return keep.response

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        # Where the visitor is, worked out once: each wizard.steps lookup in the template
        # copies the form list again.
        steps = list(self.get_form_list())
        current = self.steps.current
        form_url = reverse("feedback")
        context.update(
            {
                "step_name": current,
                "step_number": steps.index(current) + 1,
                "step_count": len(steps),
                "texts": feedback_form_texts(),
                "form_url": form_url,
                "step_title": form.title,
                "back_url": self.get_step_url(self.steps.prev) if self.steps.prev else None,
                "kept_files": self._kept_files() if self.steps.current == "files" else {},
                "idle_minutes": settings.FEEDBACK_IDLE_MINUTES,
                "keepalive_url": reverse("feedback_keepalive"),
                # A blank step whose fields depend on the language only is the same for
                # every visitor: kept as a template fragment.
                "blank_fields_shared": not form.is_bound and current in LANGUAGE_ONLY_STEPS,
            }
        )
        if self.steps.current == "check":
            context["answers"] = self._answers()
        return context

    def _answers(self):
        """Rows of "check your answers": (step, label, value shown)."""
        rows = []
        for step in self.get_form_list():
            if step in ("check", "consent"):
                continue
            form = self.get_form(step=step, data=self.storage.get_step_data(step))
            if not form.is_valid():
                continue
            for name, field in form.fields.items():
                if step == "files":
                    value = ", ".join(f.name for f in self._kept_files().values())
                else:
                    value = form.cleaned_data.get(name)
                    if hasattr(field, "choices") and not hasattr(field, "queryset"):
                        value = dict(field.choices).get(value, value)
                    elif isinstance(value, datetime.date):
                        # Dates in the language's one format (as on the case page).
                        value = date_format(value, "DATE_FORMAT")
                rows.append((step, field.label, value))
        return rows

    def done(self, form_list, form_dict, **kwargs):
        data = {}
        for form in form_list:
            data.update(form.cleaned_data)
        limit, address = submission_limit(), client_address(self.request)
        if limit.blocked(address):
            raise _KeepAnswers(rate_limited(self.request, retry_after=limit.retry_after()))
        key = uuid.UUID(self.storage.extra_data.get("submission_key") or str(uuid.uuid4()))
        # One transaction: the case, the count of this attempt against the limit, and the
        # answers forgotten. A refused submission counts nothing and forgets nothing.
        try:
            with transaction.atomic():
                submission = process.complaint_submit(
                    kind=data["kind"],
                    category=data["category"],
                    product_service=data.get("product_service", ""),
                    location=data.get("location", ""),
                    occurred_on=data.get("occurred_on"),
                    description=data["description"],
                    desired_outcome=data.get("desired_outcome", ""),
                    attachments=list(self._kept_files().values()),
                    name=data.get("name", ""),
                    email=data.get("email", ""),
                    phone=data.get("phone", ""),
                    language=data.get("language") or self.request.LANGUAGE_CODE,
                    consent=data["consent"],
                    channel=Case.Channel.WEB,
                    submission_key=key,
                    # Recorded now, tracking number at once; the worker starts the process.
                    defer_start=True,
                )
                limit.count(address)
                self.request.session[SENT_KEY] = [str(key), time.time()]
                # Whoever sent it may follow and act on it from this browser: it gets
                # full access (docs/decisions.md, "Access to a case").
                access.grant(self.request.case_access, case_access_of(submission.case), full=True)
                self._answers_forget()
        except ValidationError as error:
            form = self.get_form(step="check", data=self.request.POST)
            form.is_valid()
            form.add_error(None, error)
            raise _KeepAnswers(self.render(form)) from error
        return self._confirmation(submission.case)


feedback_wizard = FeedbackWizard.as_view(url_name=FeedbackWizard.url_name)


@require_POST
def keepalive(request):
    """The "keep my answers" button of the timeout warning: the session stays active."""
    request.session[ACTIVE_KEY] = time.time()
    return HttpResponse(status=204)
