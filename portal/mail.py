"""The console email backend of `make run`, readable in every language.

Django's console backend prints each message as sent: headers in RFC 2047 encoded words
(`=?utf-8?b?...?=`) and bodies in base64 or quoted-printable, so an Arabic or Greek subject
cannot be read. This one prints the same messages with their headers decoded and their text
parts as text (the HTML alternative is named, not printed: it repeats the text)."""

from email.header import decode_header, make_header

from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend


def readable(message) -> str:
    """An EmailMessage as a person reads it: decoded headers, then each text part."""
    mime = message.message()
    lines = [f"{name}: {make_header(decode_header(value))}" for name, value in mime.items()]
    for part in mime.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        if kind == "text/plain":
            charset = part.get_content_charset() or "utf-8"
            lines += ["", part.get_payload(decode=True).decode(charset, errors="replace")]
        else:
            filename = part.get_filename()
            lines += ["", f"[{kind}{': ' + filename if filename else ''}]"]
    return "\n".join(lines)


class EmailBackend(ConsoleEmailBackend):
    def write_message(self, message):
        self.stream.write(readable(message).rstrip("\n") + "\n")
        self.stream.write("-" * 79 + "\n")
