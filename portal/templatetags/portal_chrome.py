"""`{% page_chrome "portal/includes/header.html" %}`: the header and the footer of every
public page, rendered once per language per process.

They depend on nothing but the active language and the settings, apart from one hole: the
language switcher's links, which lead to the page being shown in each language and are
filled in per request. Rendering them afresh (about twenty translated strings, URL
reversals, a loop) took as long as the rest of a form step's template. With DEBUG on they
are rendered every time, so that edited templates show at once.
"""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .portal_fields import _e

register = template.Library()

# Stands for the language switcher's items while a fragment is rendered once.
_HOLE = "\x00language-switcher\x00"
_RENDERED: dict[tuple, list[str]] = {}


_ASSETS: dict[str, str] = {}


def forget() -> None:
    """Drop the rendered fragments (the test suite calls it between tests)."""
    _RENDERED.clear()
    _ASSETS.clear()


def _parts(template_name: str, language: str) -> list[str]:
    key = (template_name, language, settings.WAGTAIL_SITE_NAME)
    parts = _RENDERED.get(key)
    if parts is None or settings.DEBUG:
        html = render_to_string(
            template_name,
            {
                "LANGUAGE_CODE": language,
                "organisation_name": settings.WAGTAIL_SITE_NAME,
                "language_switcher_items": mark_safe(_HOLE),  # noqa: S308 - a constant
            },
        )
        parts = html.strip().split(_HOLE)
        _RENDERED[key] = parts
    return parts


_CURRENT = ' aria-current="true"'


def _switcher_items(languages) -> str:
    """The switcher's links; only their addresses vary (names and codes are settings)."""
    return "".join(
        f'<li><a href="{_e(language["url"])}" lang="{_e(language["code"])}" '
        f'hreflang="{_e(language["code"])}" dir="{"rtl" if language["bidi"] else "ltr"}"'
        f"{_CURRENT if language['current'] else ''}>{_e(language['name_local'])}</a></li>"
        for language in languages
    )


@register.simple_tag(takes_context=True)
def page_chrome(context, template_name: str) -> str:
    parts = _parts(template_name, get_language() or settings.LANGUAGE_CODE)
    if len(parts) == 1:
        return mark_safe(parts[0])  # noqa: S308 - rendered by the template engine
    items = _switcher_items(context.get("portal_languages") or ())
    return mark_safe(items.join(parts))  # noqa: S308 - the items are escaped


@register.simple_tag
def asset(path: str) -> str:
    """`{% static %}` for the portal's own files, asked of the storage once per process:
    its answer depends only on the path and the files deployed with this process."""
    url = _ASSETS.get(path)
    if url is None or settings.DEBUG:
        url = _ASSETS[path] = static(path)
    return url
