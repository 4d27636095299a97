"""Drive a case through the process as named staff, without HTTP.

The demo data (cases in every state) and the browser tests use it: each step runs the
same service as the staff task form, then completes the Viewflow task, so the case,
its history, its notifications and its process are exactly what the staff interface
would leave.
"""

from . import process, services
from .models import Case, Priority


class CaseDriver:
    def __init__(self, case: Case, *, intake, handler, supervisor=None, reviewer=None):
        self.case = case
        self.intake = intake
        self.handler = handler
        self.supervisor = supervisor
        self.reviewer = reviewer

    def _complete(self, step: str, user, perform) -> "CaseDriver":
        self.case = process.task_complete(case=self.case, step=step, user=user, perform=perform)
        return self

    def assess(self, *, severity: str = Case.Severity.MEDIUM, priority: Priority | None = None):
        priority = priority or Priority.objects.get(is_default=True)
        return self._complete(
            "assess",
            self.intake,
            lambda case: services.case_assess(
                case=case,
                actor=self.intake,
                category=case.category,
                priority=priority,
                severity=severity,
                handler=self.handler,
            ),
        )

    def investigate(self, findings: str, root_cause: str = ""):
        return self._complete(
            "investigate",
            self.handler,
            lambda case: services.case_record_investigation(
                case=case, actor=self.handler, findings=findings, root_cause=root_cause
            ),
        )

    def respond(self, decision: str, compensation=None):
        return self._complete(
            "respond",
            self.handler,
            lambda case: services.case_response_draft(
                case=case, actor=self.handler, decision=decision, compensation=compensation
            ),
        )

    def approve(self, approved: bool = True, comments: str = ""):
        return self._complete(
            "approve",
            self.supervisor,
            lambda case: services.case_approve(
                case=case, actor=self.supervisor, approved=approved, comments=comments
            ),
        )

    def reply(self, *, accepted: bool, reasons: str = ""):
        self.case = process.case_reply(case=self.case, accepted=accepted, reasons=reasons)
        return self

    def review(self, result: str, outcome: str):
        return self._complete(
            "review",
            self.reviewer,
            lambda case: services.case_review(
                case=case, actor=self.reviewer, result=result, outcome=outcome
            ),
        )

    def answer(self, text: str):
        """A suggestion or compliment answered by the handler (which closes it)."""
        return self._complete(
            "respond",
            self.handler,
            lambda case: services.feedback_answer_draft(case=case, actor=self.handler, answer=text),
        )

    def close(self, note: str = ""):
        return self._complete(
            "close",
            self.handler,
            lambda case: services.case_close(case=case, actor=self.handler, note=note),
        )
