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


def client_network(request) -> str | None:
    """The client as rate limits and sign-in lockouts count it: its IPv4 address, or the
    /64 network of its IPv6 address (one host commonly holds a whole /64, so counting
    single IPv6 addresses would let it guess without end); None when it is no address."""
    address = client_ip(request)
    if address is None:
        return None
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)
