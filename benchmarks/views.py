"""The bare reference views, served under the project's settings (benchmarks.urls) and
under a stock Django project's (benchmarks.stock_urls)."""

import uuid

from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt


def bare(request):
    return HttpResponse("ok")


@csrf_exempt
def bare_post(request):
    """One row written, as light as a POST gets."""
    Session.objects.create(
        session_key=uuid.uuid4().hex, session_data="x", expire_date=timezone.now()
    )
    return HttpResponse("ok")
