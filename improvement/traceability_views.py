"""The ISO 10002 traceability page: every clause, the feature that serves it, the tests that
prove it and their last result (improvement/traceability.py builds it)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from . import traceability


@login_required
def traceability_page(request):
    """For auditors, complaints managers and top management (`view_traceability`)."""
    if not request.user.has_perm("improvement.view_traceability"):
        raise PermissionDenied
    report = traceability.report_build()
    return render(request, "improvement/traceability.html", {"report": report})
