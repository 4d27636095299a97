"""Which files a case accepts: checked by content, not by name."""

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

import filetype

# Detected MIME type → the name shown to people (translated where it is not a format's name).
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/heic": "HEIC",
    "image/webp": "WebP",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (DOCX)",
    "application/vnd.oasis.opendocument.text": "OpenDocument (ODT)",
    "text/plain": _("Plain text (TXT)"),
}
MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_FILES = 5
# Over a case's life, with what the complainant adds later.
MAX_CASE_FILES = 20


def allowed_summary() -> str:
    """The accepted types' names in the active language, in its alphabetical order."""
    return ", ".join(sorted({str(name) for name in ALLOWED_TYPES.values()}))


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        return error.start >= len(head) - 3
    return True


def inspect(upload) -> str:
    """The file's real type, or a ValidationError that says why it is refused."""
    name = upload.name
    if upload.size > MAX_FILE_SIZE:
        raise ValidationError(
            _("%(name)s is too big: files can be up to %(limit)s."),
            params={"name": name, "limit": filesizeformat(MAX_FILE_SIZE)},
            code="too_big",
        )
    if upload.size == 0:
        raise ValidationError(_("%(name)s is empty."), params={"name": name}, code="empty")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    content_type = kind.mime if kind else ("text/plain" if _looks_like_text(head) else "")
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _("%(name)s is not a type of file we accept. Send %(types)s files."),
            params={"name": name, "types": allowed_summary()},
            code="type",
        )
    return content_type


def digest(upload) -> str:
    upload.seek(0)
    sha = hashlib.sha256()
    for chunk in upload.chunks():
        sha.update(chunk)
    upload.seek(0)
    return sha.hexdigest()


# Form fields for uploads, shared by the public form, the tracking page and staff intake.


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


ACCEPT = {"accept": ".pdf,.jpg,.jpeg,.png,.heic,.webp,.docx,.odt,.txt"}


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def checked_uploads(uploads: list, *, already: int = 0) -> list:
    """The uploads whose content is an accepted type and size; every refusal is explained
    by file name, and more than the allowed number of files is refused."""
    errors = []
    accepted = []
    for upload in uploads:
        try:
            inspect(upload)
        except ValidationError as error:
            errors.append(error)
        else:
            accepted.append(upload)
    if already + len(accepted) > MAX_FILES:
        errors.append(
            ValidationError(_("You can send up to %(count)s files."), params={"count": MAX_FILES})
        )
    if errors:
        raise ValidationError(errors)
    return accepted


def files_help_text() -> str:
    """The file fields' hint in the active language."""
    return _(
        "Photos or documents that help us understand: up to %(count)s files, "
        "%(size)s each. Accepted: %(types)s."
    ) % {
        "count": MAX_FILES,
        "size": filesizeformat(MAX_FILE_SIZE),
        "types": allowed_summary(),
    }
