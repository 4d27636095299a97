"""Fixed-window rate limits on the public lookups and submissions, counted in the database
shared by every process.

Checking costs one read; only counted events write, each with one statement (an insert
that adds one to the window's count when it exists: atomic, and without the transaction
and the several queries a counter in Django's database cache costs). Tracking lookups
count failures (wrong or unknown pairs: guessing), per client address and per tracking
number; submissions count every attempt per client address. A tracking number's limit
refuses only wrong answers: whoever gives the right second factor still opens the case,
so nobody can lock its owner out by guessing (see `portal.views.tracking`). Rates are "count/period"
with the period in s, m, h or d (`10/m`). Each process deletes the expired counts at most
every PURGE_SECONDS.
"""

import datetime
import hashlib
import math
import time

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from workflow.clients import client_network

from .models import RateCount

PURGE_SECONDS = 300
_last_purge = 0.0

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    count, _, period = rate.partition("/")
    unit = period[-1:]
    multiplier = int(period[:-1] or 1)
    return int(count), multiplier * PERIODS[unit]


def client_address(request) -> str:
    """The client's address (IPv6 by /64), from RATELIMIT_IP_META_KEY behind a proxy."""
    network = client_network(request)
    if network is None:
        return (request.META.get(settings.RATELIMIT_IP_META_KEY, "") or "").strip() or "unknown"
    return network


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

    def exceeded(self, *values: str) -> list[bool]:
        """For each value, in order, whether its count has reached the limit."""
        keys = self.keys(list(values))
        if settings.SPEED_RAW_RATE_COUNTS:
            with connection.cursor() as cursor:
                cursor.execute(_COUNTS.format(keys=", ".join(["%s"] * len(keys))), keys)
                counts = dict(cursor.fetchall())
        else:
            counts = dict(RateCount.objects.filter(key__in=keys).values_list("key", "count"))
        return [counts.get(key, 0) >= self.limit for key in keys]

    def blocked(self, *values: str) -> bool:
        return any(self.exceeded(*values))

    def retry_after(self) -> int:
        """Seconds until the current window ends (what a 429's Retry-After says)."""
        return max(1, math.ceil(self.period - time.time() % self.period))

    def count(self, *values: str) -> None:
        # The window's end, and a second more (the key names the window already).
        expires_at = datetime.datetime.fromtimestamp(
            (int(time.time() // self.period) + 1) * self.period + 1, tz=datetime.UTC
        )
        if settings.SPEED_RAW_RATE_COUNTS:
            with connection.cursor() as cursor:
                for key in self.keys(list(values)):
                    cursor.execute(
                        _UPSERT, [key, connection.ops.adapt_datetimefield_value(expires_at)]
                    )
        else:
            for key in self.keys(list(values)):
                _count_with_the_orm(key, expires_at)
        _purge_now_and_then()


def _count_with_the_orm(key: str, expires_at) -> None:
    """The upsert as the ORM writes it (SPEED_RAW_RATE_COUNTS=off): an update, or an insert
    when there is no row yet (another request's insert in between: update again)."""
    if RateCount.objects.filter(key=key).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            RateCount.objects.create(key=key, count=1, expires_at=expires_at)
    except IntegrityError:
        RateCount.objects.filter(key=key).update(count=F("count") + 1)


_TABLE, _KEY, _COUNT, _EXPIRES = (
    connection.ops.quote_name(name)
    for name in (RateCount._meta.db_table, "key", "count", "expires_at")
)
# One statement each instead of the ORM's update-then-insert (docs/speed.md; the setting
# SPEED_RAW_RATE_COUNTS=off uses the ORM). The same statement in SQLite (3.24+) and
# PostgreSQL; identifiers from the model, values as parameters.
_UPSERT = (
    f"INSERT INTO {_TABLE} ({_KEY}, {_COUNT}, {_EXPIRES}) VALUES (%s, 1, %s) "  # noqa: S608
    f"ON CONFLICT ({_KEY}) DO UPDATE SET {_COUNT} = {_TABLE}.{_COUNT} + 1"
)
_COUNTS = f"SELECT {_KEY}, {_COUNT} FROM {_TABLE} WHERE {_KEY} IN ({{keys}})"  # noqa: S608


def _purge_now_and_then() -> None:
    global _last_purge  # one timestamp per process
    now = time.monotonic()
    if now - _last_purge >= PURGE_SECONDS:
        _last_purge = now
        RateCount.objects.filter(expires_at__lt=datetime.datetime.now(tz=datetime.UTC)).delete()


def tracking_limit() -> Limit:
    return Limit("track", settings.TRACKING_RATE_LIMIT)


def submission_limit() -> Limit:
    return Limit("submit", settings.SUBMISSION_RATE_LIMIT)
