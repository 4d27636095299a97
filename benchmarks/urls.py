"""The portal's URLs plus the bare reference views the ratios are measured against."""

import uuid

from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from portal.urls import urlpatterns as portal_urlpatterns


def bare(request):
    return HttpResponse("ok")


@csrf_exempt
def bare_post(request):
    """One row written, as light as a POST gets."""
    Session.objects.create(
        session_key=uuid.uuid4().hex, session_data="x", expire_date=timezone.now()
    )
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), path("bench/bare-post/", bare_post), *portal_urlpatterns]
