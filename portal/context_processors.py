from django.conf import settings
from django.utils.translation import get_language, get_language_info

_LANGUAGE_INFO = None


def _language_info():
    global _LANGUAGE_INFO  # computed once, settings do not change at run time
    if _LANGUAGE_INFO is None:
        _LANGUAGE_INFO = [(code, get_language_info(code)) for code, _name in settings.LANGUAGES]
    return _LANGUAGE_INFO


def _path_in(path: str, current: str, code: str) -> str:
    """The same public URL in another language: every public URL starts with /<language>/."""
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{code}/{path[len(prefix) :]}"
    return f"/{code}/"


def portal(request):
    """Language links for the switcher, and the organisation's name."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    return {
        "portal_languages": [
            {
                "code": code,
                "name_local": info["name_local"],
                "bidi": info["bidi"],
                "url": _path_in(path, current, code),
                "current": code == current,
            }
            for code, info in _language_info()
        ],
        "organisation_name": settings.WAGTAIL_SITE_NAME,
    }
