from functools import cache

from django.conf import settings
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info


@cache
def _language_info():
    """Each language's code, name and direction: settings, which do not change at run time."""
    return [(code, get_language_info(code)) for code, _name in settings.LANGUAGES]


def _path_in(path: str, current: str, code: str) -> str:
    """The same public URL in another language: every public URL starts with /<language>/."""
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{code}/{path[len(prefix) :]}"
    return f"/{code}/"


def portal(request):
    """The language switcher's links (this page in each language), and the organisation's
    name. The links are joined here: a template loop over them cost a sixth of a page."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    return {
        "language_switcher_items": format_html_join(
            "",
            '<li><a href="{}" lang="{}" hreflang="{}" dir="{}"{}>{}</a></li>',
            (
                (
                    _path_in(path, current, code),
                    code,
                    code,
                    "rtl" if info["bidi"] else "ltr",
                    _CURRENT if code == current else "",
                    info["name_local"],
                )
                for code, info in _language_info()
            ),
        ),
        "organisation_name": settings.WAGTAIL_SITE_NAME,
    }


_CURRENT = mark_safe(' aria-current="true"')
