from functools import cached_property

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse

from viewflow.workflow.exceptions import FlowLockFailed


class StaffLoginRequiredMiddleware:
    """Send anonymous visitors of the staff area to the sign-in page (instead of a 403)."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def roots(self) -> tuple[str, str]:
        # The sign-in pages themselves (login, logout) live under .../accounts/.
        return reverse("staff_home"), reverse(settings.LOGIN_URL).removesuffix("login/")

    def __call__(self, request):
        staff_root, accounts_root = self.roots
        if (
            request.path.startswith(staff_root)
            and not request.path.startswith(accounts_root)
            and not request.user.is_authenticated
        ):
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class CaseBusyMiddleware:
    """A staff action that could not take the case's process lock in time (another action
    on the same case holds it) answers 409 with a translated page, not a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, FlowLockFailed):
            return None
        response = render(request, "workflow/case_busy.html", status=409)
        response["Retry-After"] = "2"
        return response
