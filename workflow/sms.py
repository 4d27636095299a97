"""SMS delivery behind one small interface, chosen by the SMS_URL setting.

- `console://`: print the message (development default);
- `memory://`: keep messages in `outbox` (tests);
- `https://…` (or `http://…`): POST `{"to": …, "text": …}` as JSON to a provider
  endpoint; credentials go in the URL's user-info and are sent as basic auth.
"""

import json
import logging
import urllib.request
from base64 import b64encode
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

logger = logging.getLogger(__name__)


class ConsoleBackend:
    def send(self, *, to: str, text: str) -> None:
        logger.info("SMS to %s: %s", to, text)
        print(f"SMS to {to}: {text}", flush=True)  # noqa: T201


class MemoryBackend:
    outbox: list[dict] = []

    def send(self, *, to: str, text: str) -> None:
        self.outbox.append({"to": to, "text": text})


class HttpBackend:
    def __init__(self, url: str, timeout: float = 10.0):
        parts = urlsplit(url)
        self.auth = None
        if parts.username:
            token = f"{parts.username}:{parts.password or ''}".encode()
            self.auth = "Basic " + b64encode(token).decode()
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        self.url = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
        self.timeout = timeout

    def send(self, *, to: str, text: str) -> None:
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked in get_backend
            self.url,
            data=json.dumps({"to": to, "text": text}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        if self.auth:
            request.add_header("Authorization", self.auth)
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            if response.status >= 300:
                raise RuntimeError(f"SMS provider answered {response.status}")


def get_backend():
    url = settings.SMS_URL
    scheme = urlsplit(url).scheme
    if scheme == "console":
        return ConsoleBackend()
    if scheme == "memory":
        return MemoryBackend()
    if scheme in ("http", "https"):
        return HttpBackend(url)
    raise ValueError(f"Unsupported SMS_URL scheme {scheme!r}")
