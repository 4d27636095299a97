"""The body of a case's public page, rendered once per distinct content and language.

The body (summary, decision, timeline and the forms of the actions open now) is a function
of the case's public status, which is read afresh on every request and is a frozen,
hashable value, of the actions offered and of the active language. Its rendering is
memoised on exactly those, so a change to the case changes the key and nothing needs to be
invalidated; only the CSRF token differs from one request to the next, and it is filled
into a hole. Rendering the body took more than half of the page's time: customers open the
same unchanged page from every notification and every reload.

Forms holding what the customer sent (a POST with errors) are rendered afresh, and so is
everything with DEBUG on, so that edited templates show at once.
"""

from functools import lru_cache

from django.conf import settings
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

TEMPLATE = "portal/includes/case_body.html"
# Stands for the request's CSRF token while a body is rendered for every request.
_CSRF_HOLE = "\x00csrf-token\x00"


@lru_cache(maxsize=1024)
def _unbound_body(status, actions: tuple[tuple[str, type], ...], language: str) -> str:
    # `language` is part of the key: the template renders in the active language.
    forms = {name: form_class(prefix=name) for name, form_class in actions}
    return render_to_string(TEMPLATE, {"status": status, "forms": forms, "csrf_token": _CSRF_HOLE})


def case_body(request, *, status, actions: dict[str, type], forms: dict) -> str:
    """The page's body for `status`, with the actions open now. `forms` holds the forms
    already built from the request's data (a failed POST); the others are blank."""
    if forms or settings.DEBUG:
        blank = {name: form_class(prefix=name) for name, form_class in actions.items()}
        return render_to_string(
            TEMPLATE, {"status": status, "forms": {**blank, **forms}}, request=request
        )
    html = _unbound_body(status, tuple(actions.items()), get_language())
    return mark_safe(html.replace(_CSRF_HOLE, get_token(request)))  # noqa: S308 - rendered


def forget() -> None:
    """Drop the rendered bodies (the test suite calls it between tests)."""
    _unbound_body.cache_clear()
