from functools import cache, cached_property

from django.conf import settings
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from workflow.selectors import organisation_name


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
    """The language switcher's links (this page in each language), the same as `hreflang`
    alternates for the page's head, and the organisation's name in the page's language
    (with the language it is written in, when the page's has none). The links are joined
    here: a template loop over them cost a sixth of a page."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    origin = f"{request.scheme}://{request.get_host()}"
    return {
        "language_alternates": format_html_join(
            "",
            '<link rel="alternate" hreflang="{}" href="{}{}">',
            (
                *(
                    (code, origin, _path_in(path, current, code))
                    for code, _info in _language_info()
                ),
                ("x-default", origin, _path_in(path, current, settings.LANGUAGE_CODE)),
            ),
        ),
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
        "organisation": _Organisation(current),
    }


class _Organisation:
    """The organisation's name in the page's language (`name`), and the language it is
    written in when that is not the page's (`lang`, for a `lang` attribute; else empty).
    Read when a template first asks: the staff pages never do."""

    def __init__(self, language: str):
        self.language = language

    @cached_property
    def _found(self) -> tuple[str, str]:
        return organisation_name(self.language)

    @property
    def name(self) -> str:
        return self._found[0]

    @property
    def lang(self) -> str:
        return self._found[1] if self._found[1] != self.language else ""

    def __str__(self) -> str:
        return self.name


_CURRENT = mark_safe(' aria-current="true"')
