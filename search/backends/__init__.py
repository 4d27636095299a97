"""Search backends: one interface, chosen by settings (views never branch on it)."""

from django.conf import settings
from django.utils.module_loading import import_string

from .base import SearchBackend, SearchResult  # noqa: F401


def get_backend() -> "SearchBackend":
    if settings.ELASTICSEARCH_URL:
        path = "search.backends.elasticsearch.ElasticsearchBackend"
    else:
        path = "search.backends.database.DatabaseBackend"
    return import_string(path)()
