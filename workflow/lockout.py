"""What a person locked out of signing in sees (django-axes calls `login_locked_out`),
and the record of each lockout in the log beside the one django-axes keeps."""

import logging
import math

from django.dispatch import receiver
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from axes.helpers import get_cool_off
from axes.signals import user_locked_out

from . import clients

logger = logging.getLogger(__name__)


def client_ip(request) -> str | None:
    """The client for django-axes, counted as the rate limits count it (an IPv6 client by
    its /64 network); None when it is no address (axes stores it in an address column,
    which PostgreSQL checks)."""
    return clients.client_network(request)


def login_locked_out(request, original_response=None, credentials=None):
    """A translated page in the staff sign-in's style (429), saying how long to wait."""
    cool_off = get_cool_off(request)
    seconds = max(1, math.ceil(cool_off.total_seconds())) if cool_off else None
    response = render(
        request,
        "workflow/login_locked_out.html",
        {"minutes": math.ceil(seconds / 60) if seconds else None},
        status=429,
    )
    if seconds:
        response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response


@receiver(user_locked_out)
def _record_lockout(sender, request, username, ip_address, **kwargs):
    logger.warning(
        "Sign-in locked out after repeated failures: username=%r address=%s path=%s",
        username,
        ip_address,
        getattr(request, "path", ""),
    )
