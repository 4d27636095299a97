"""Where a request comes from, for rate limits and sign-in lockouts."""

import ipaddress

from django.conf import settings


def client_ip(request) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The client's address from RATELIMIT_IP_META_KEY, or None when it is no address.

    Behind a proxy (`HTTP_X_FORWARDED_FOR`) the last address of the list is the one the
    proxy saw and added; the ones before it are whatever the client sent, so they are
    never trusted (a client could otherwise name a new address on every request)."""
    raw = request.META.get(settings.RATELIMIT_IP_META_KEY, "") or ""
    try:
        return ipaddress.ip_address(raw.rsplit(",", 1)[-1].strip())
    except ValueError:
        return None
