"""Real servers that misbehave, for the fault tests: one that accepts connections and
never answers, a closed port, and a real SMTP server (aiosmtpd) that can hang in DATA."""

import asyncio
import contextlib
import socket
import threading
from email import message_from_bytes

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A port nothing listens on (bound, then closed: connecting is refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class HungServer:
    """Accepts every connection and never sends a byte (a hung SMTP server or search
    engine). `close()` stops listening and drops the connections it holds."""

    def __init__(self, port: int = 0):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.held: list[socket.socket] = []
        self.accepted = 0
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self):
        while True:
            try:
                connection, _address = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            self.held.append(connection)

    def close(self):
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
        for connection in self.held:
            connection.close()
        self.thread.join(timeout=5)


class _Handler:
    def __init__(self, smtp: "SmtpServer"):
        self.smtp = smtp

    async def handle_DATA(self, server, session, envelope):
        smtp = self.smtp
        with smtp.lock:
            smtp.data_started += 1
            hang = smtp.hang_from is not None and smtp.data_started >= smtp.hang_from
        if hang:
            # Never answers this message (nor records it): the client waits.
            await asyncio.sleep(3600)
        message = message_from_bytes(envelope.content)
        with smtp.lock:
            smtp.received.append(message)
        return "250 Message accepted for delivery"


class SmtpServer:
    """aiosmtpd in a thread on `port`; records what it accepts. With `hang_from=n`, the
    n-th message's DATA (and every later one) hangs until `hang_from` is cleared."""

    def __init__(self, port: int = 0, *, hang_from: int | None = None):
        self.lock = threading.Lock()
        self.received = []
        self.data_started = 0
        self.hang_from = hang_from
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=port or free_port())
        self.controller.start()
        self.port = self.controller.port

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [message["Message-ID"] for message in self.received]

    def close(self):
        self.controller.stop()
