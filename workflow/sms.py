"""SMS delivery behind one small interface, chosen by the SMS_URL setting.

- `console://`: print the message (development default);
- `memory://`: keep messages in `outbox` (tests);
- `https://…` (or `http://…`): POST `{"to": …, "text": …}` as JSON to a provider
  endpoint; credentials go in the URL's user-info and are sent as basic auth.
"""

import http.client
import json
import logging
from base64 import b64encode
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

logger = logging.getLogger(__name__)


class ConsoleBackend:
    def send(self, *, to: str, text: str) -> None:
        logger.info("SMS to %s: %s", to, text)
        print(f"SMS to {to}: {text}", flush=True)


class MemoryBackend:
    outbox: list[dict] = []

    def send(self, *, to: str, text: str) -> None:
        self.outbox.append({"to": to, "text": text})


class HttpBackend:
    """POST to the provider with a connect timeout (SMS_CONNECT_TIMEOUT) and a timeout on
    every read of the answer (SMS_READ_TIMEOUT): a hung provider fails the delivery, which
    the outbox retries, instead of holding the worker."""

    def __init__(self, url: str, *, connect_timeout: float = 3.0, read_timeout: float = 10.0):
        parts = urlsplit(url)
        self.auth = None
        if parts.username:
            token = f"{parts.username}:{parts.password or ''}".encode()
            self.auth = "Basic " + b64encode(token).decode()
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port
        self.url = urlunsplit((parts.scheme, self.netloc, parts.path, parts.query, ""))
        self.target = urlunsplit(("", "", parts.path or "/", parts.query, ""))
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout

    @property
    def netloc(self) -> str:
        return self.host + (f":{self.port}" if self.port else "")

    def send(self, *, to: str, text: str) -> None:
        connection_class = (
            http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
        )
        connection = connection_class(self.host, self.port, timeout=self.connect_timeout)
        headers = {"Content-Type": "application/json"}
        if self.auth:
            headers["Authorization"] = self.auth
        try:
            connection.connect()
            connection.sock.settimeout(self.read_timeout)
            connection.request(
                "POST", self.target, body=json.dumps({"to": to, "text": text}), headers=headers
            )
            response = connection.getresponse()
            response.read()
            if response.status >= 300:
                raise RuntimeError(f"SMS provider answered {response.status}")
        finally:
            connection.close()


def get_backend():
    url = settings.SMS_URL
    scheme = urlsplit(url).scheme
    if scheme == "console":
        return ConsoleBackend()
    if scheme == "memory":
        return MemoryBackend()
    if scheme in ("http", "https"):
        return HttpBackend(
            url,
            connect_timeout=settings.SMS_CONNECT_TIMEOUT,
            read_timeout=settings.SMS_READ_TIMEOUT,
        )
    raise ValueError(f"Unsupported SMS_URL scheme {scheme!r}")
