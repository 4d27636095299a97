from functools import cache, cached_property

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from workflow.selectors import organisation_name


@cache
def _language_info():
    """Each language's code, its name in that language (escaped for HTML) and its direction:
    settings, which do not change at run time."""
    return [
        (code, escape(info["name_local"]), "rtl" if info["bidi"] else "ltr")
        for code, info in ((code, get_language_info(code)) for code, _name in settings.LANGUAGES)
    ]


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
    here, escaping the page's address once (the rest comes from settings): a template
    loop over them cost a sixth of a page, `format_html_join` a tenth."""
    current = get_language() or settings.LANGUAGE_CODE
    # Escaped once: the language prefixes swapped in are plain letters.
    path = escape(request.get_full_path())
    origin = escape(f"{request.scheme}://{request.get_host()}")
    hrefs = {code: _path_in(path, current, code) for code, _name, _direction in _language_info()}
    alternates = [
        f'<link rel="alternate" hreflang="{code}" href="{origin}{href}">'
        for code, href in hrefs.items()
    ]
    default = hrefs[settings.LANGUAGE_CODE]
    alternates.append(f'<link rel="alternate" hreflang="x-default" href="{origin}{default}">')
    switcher = [
        f'<li><a href="{hrefs[code]}" lang="{code}" hreflang="{code}" dir="{direction}"'
        f"{_CURRENT if code == current else ''}>{name}</a></li>"
        for code, name, direction in _language_info()
    ]
    return {
        "language_alternates": mark_safe("".join(alternates)),  # noqa: S308 (escaped above)
        "language_switcher_items": mark_safe("".join(switcher)),  # noqa: S308 (escaped above)
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


_CURRENT = ' aria-current="true"'
