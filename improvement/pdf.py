"""PDF documents from Django templates, in a reader's language (WeasyPrint).

A template extends `improvement/pdf/base.html`, which sets `<html lang dir>` from the
language asked (this module passes `pdf_language` and `pdf_direction`), so Pango lays
Arabic out right to left, and asks for the DejaVu fonts (Arabic and Greek glyphs, on
every Debian machine with `fonts-dejavu-core`). The template is rendered under
`translation.override(language)`: `{% translate %}` and date formats follow.

    pdf = pdf_render(template="improvement/review_pack.html", context={...}, language="ar")

WeasyPrint fetches nothing: only `data:` URLs are allowed, so a text that slipped into the
markup cannot make the server read a file or call another host (embed images as `data:`).

Used by the audit evidence export and the management-review pack. Rendering is
CPU-bound (0.1 to 0.4 s a page here): call it from a background task for long documents,
and never with a database transaction open.
"""

import copy
import logging
from collections.abc import Iterable

from django.template.loader import render_to_string
from django.utils import translation

# WeasyPrint logs every step of every document at INFO: only its warnings are of interest.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# The anchor each document of `pdf_render_each` starts with (an id in the template).
_DOCUMENT_ANCHOR = "pdf-document-"


def _context(context: dict, language: str) -> dict:
    return {
        **context,
        "pdf_language": language,
        "pdf_direction": "rtl" if translation.get_language_bidi() else "ltr",
    }


def _html(source: str):
    # Imported on first use: loading WeasyPrint (Pango, its default style sheets) takes
    # most of a second, which the web server, the worker and every command would pay.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(string=source, url_fetcher=URLFetcher(allowed_protocols={"data"}))


def pdf_render(*, template: str, context: dict, language: str, title: str = "") -> bytes:
    """`template` rendered with `context` in `language`, as the bytes of a PDF."""
    with translation.override(language):
        source = render_to_string(template, _context(context, language))
    document = _html(source).render()
    if title:
        document.metadata.title = title
    return document.write_pdf()


def pdf_render_each(
    *, template: str, context: dict, documents: Iterable[dict], language: str
) -> list[bytes]:
    """One PDF per item of `documents`, laid out together (WeasyPrint's start-up and
    style resolution paid once: about twice as fast as one call each).

    `template` receives `documents` as a list and must start each one on a new page with
    the element `<… id="pdf-document-{{ forloop.counter0 }}">` (see
    `improvement/audit_case.html`); each item's "title" becomes its PDF's title."""
    documents = list(documents)
    if not documents:
        return []
    with translation.override(language):
        source = render_to_string(template, _context({**context, "documents": documents}, language))
    document = _html(source).render()
    starts = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith(_DOCUMENT_ANCHOR):
                starts.setdefault(int(anchor.removeprefix(_DOCUMENT_ANCHOR)), number)
    if sorted(starts) != list(range(len(documents))):
        raise ValueError("Each document must start with its pdf-document-N anchor.")
    bounds = [starts[index] for index in range(len(documents))] + [len(document.pages)]
    pdfs = []
    for index, item in enumerate(documents):
        part = document.copy(document.pages[bounds[index] : bounds[index + 1]])
        part.metadata = copy.copy(document.metadata)
        part.metadata.title = str(item.get("title", ""))
        pdfs.append(part.write_pdf())
    return pdfs
