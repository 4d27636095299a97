"""A shorter way to the feedback form than Wagtail's page routing.

Every step of the form is a sub-route of its Wagtail page. Wagtail finds that page anew on
every request (the site, the page tree, the specific page, its view restrictions: several
queries and most of the time of a form step). The form page changes only when an editor
publishes, so each process keeps it, per language, and checks at most once a second
whether anything was published since (a version number in the shared cache, raised by the
same signals that clear the page cache). Anything else, and a form page with view
restrictions, goes through Wagtail as usual.
"""

import time

from django.core.cache import cache
from django.utils.translation import get_language

from wagtail.views import serve as wagtail_serve

VERSION_KEY = "portal:pages-version"
CHECK_EVERY = 1.0  # seconds between looks at the shared version number

_state = {"version": None, "checked": 0.0, "pages": {}}


def pages_changed() -> None:
    """Called when any page is published, moved or deleted."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)
    _state["checked"] = 0.0


def forget() -> None:
    """Drop what this process kept (the test suite calls it between tests)."""
    _state.update(version=None, checked=0.0, pages={})


def _current_version():
    now = time.monotonic()
    if now - _state["checked"] >= CHECK_EVERY:
        version = cache.get(VERSION_KEY, 0)
        if version != _state["version"]:
            _state["version"] = version
            _state["pages"] = {}
        _state["checked"] = now
    return _state["version"]


def _form_page(language: str):
    """(page, its URL path) for `language`, or (None, None) when Wagtail must decide."""
    _current_version()
    if language not in _state["pages"]:
        from .models import ComplaintFormPage

        page = ComplaintFormPage.objects.live().public().first()
        url = page.get_url() if page is not None else None
        if page is None or url is None or not url.startswith("/"):
            _state["pages"][language] = (None, None)
        else:
            page.cached_url = url
            _state["pages"][language] = (page, url)
    return _state["pages"][language]


def serve(request, path):
    """Wagtail's catch-all, with the feedback form's routes answered directly."""
    language = get_language()
    page, url = _form_page(language)
    if page is not None and request.path.startswith(url):
        try:
            view, args, kwargs = page.resolve_subpage("/" + request.path[len(url) :])
        except Exception:  # noqa: BLE001 - anything unexpected: let Wagtail answer
            return wagtail_serve(request, path)
        request.routable_resolver_match = None
        return page.serve(request, view, args, kwargs)
    return wagtail_serve(request, path)
