"""Fixed-window rate limits on the public lookups and submissions, in the shared cache.

Checking costs one cache read; only counted events write. Tracking lookups count
failures (wrong or unknown pairs: guessing), per client address and per tracking
number; submissions count every attempt per client address. Rates are "count/period"
with the period in s, m, h or d (`10/m`).
"""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import caches

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    count, _, period = rate.partition("/")
    unit = period[-1:]
    multiplier = int(period[:-1] or 1)
    return int(count), multiplier * PERIODS[unit]


def client_address(request) -> str:
    """The client's address (IPv6 by /64), from RATELIMIT_IP_META_KEY behind a proxy."""
    raw = request.META.get(settings.RATELIMIT_IP_META_KEY, "") or ""
    raw = raw.split(",")[0].strip()
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw or "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def _key(scope: str, value: str, period: int) -> str:
    window = int(time.time() // period)
    digest = hashlib.sha256(f"{scope}:{value}".encode()).hexdigest()[:32]
    return f"rl:{scope}:{window}:{digest}"


class Limit:
    def __init__(self, scope: str, rate: str):
        self.scope = scope
        self.limit, self.period = parse_rate(rate)

    def keys(self, values: list[str]) -> list[str]:
        return [
            _key(f"{self.scope}:{index}", value, self.period) for index, value in enumerate(values)
        ]

    def blocked(self, *values: str) -> bool:
        counts = caches["default"].get_many(self.keys(list(values)))
        # Remembered for count(): a key seen here is incremented without trying add first
        # (with the database cache a failed add costs several queries).
        self._seen = set(counts)
        return any(count >= self.limit for count in counts.values())

    def count(self, *values: str) -> None:
        cache = caches["default"]
        seen = getattr(self, "_seen", set())
        for key in self.keys(list(values)):
            if key in seen or not cache.add(key, 1, self.period + 1):
                try:
                    cache.incr(key)
                except ValueError:  # expired since it was read
                    cache.set(key, 1, self.period + 1)


def tracking_limit() -> Limit:
    return Limit("track", settings.TRACKING_RATE_LIMIT)


def submission_limit() -> Limit:
    return Limit("submit", settings.SUBMISSION_RATE_LIMIT)
