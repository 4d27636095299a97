"""The public site's middleware: the whole-page cache for the public content pages, and
the case accesses a browser holds (`portal/access.py`).

Whole-page cache:
Only anonymous-safe responses are kept: GET/HEAD 200s of public URLs that do not vary on
the cookie (so never a page holding a CSRF token or session data: the forms and the
tracking page are always rendered afresh). Publishing, unpublishing, moving or deleting
a page clears the cache (`portal.apps`), and entries expire after PAGE_CACHE_SECONDS.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.middleware.cache import CacheMiddleware
from django.utils.cache import has_vary_header, patch_vary_headers

from . import access


# Paths seen to answer with pages that cannot be shared (forms), kept in each process's
# memory (the "local" cache): they skip the cache lookup for a while instead of missing it
# on every request.
def _unshareable_key(path: str) -> str:
    return "unshareable:" + hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()


class PublicPageCacheMiddleware(CacheMiddleware):
    def __init__(self, get_response):
        super().__init__(
            get_response,
            cache_alias="pages",
            page_timeout=settings.PAGE_CACHE_SECONDS,
            key_prefix="public",
        )

    @staticmethod
    def _cacheable_path(request) -> bool:
        excluded = tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)
        return settings.PAGE_CACHE_SECONDS > 0 and not request.path.startswith(excluded)

    def process_request(self, request):
        # Only GETs and HEADs are cached; a path known to answer unshareable pages skips
        # the lookup (and is not marked again on its way out).
        request.page_cache_known_unshareable = False
        if request.method not in ("GET", "HEAD") or not self._cacheable_path(request):
            request._cache_update_cache = False
            return None
        if caches["local"].get(_unshareable_key(request.path)):
            request.page_cache_known_unshareable = True
            request._cache_update_cache = False
            return None
        if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            request._cache_update_cache = False
            return None
        return super().process_request(request)

    def process_response(self, request, response):
        if (
            request.method not in ("GET", "HEAD")
            or not self._cacheable_path(request)
            or getattr(request, "page_cache_known_unshareable", False)
        ):
            return response
        if has_vary_header(response, "Cookie"):
            caches["local"].set(_unshareable_key(request.path), True, settings.PAGE_CACHE_SECONDS)
            return response
        return super().process_response(request, response)


class CaseAccessMiddleware:
    """Gives each request `request.case_access`, the case accesses its browser holds (read
    from their signed cookie when a view first asks), and writes the cookie back when a
    view changed them. A response that read them varies on the cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        held_by = access.Grants(request.COOKIES.get(access.cookie_name()))
        request.case_access = held_by
        response = self.get_response(request)
        if held_by.accessed:
            patch_vary_headers(response, ("Cookie",))
        held_by.write(response)
        return response
