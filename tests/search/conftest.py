import itertools

import pytest
from elasticsearch import Elasticsearch
from osmem_server import OsmemServer

from search.backends import get_backend
from search.backends.elasticsearch import ElasticsearchBackend, OpenSearchNode

_prefixes = itertools.count(1)


@pytest.fixture(params=["database", "elasticsearch"])
def search_backend(request, settings, db):
    """Each backend in turn; `get_backend()` (what the views use) returns the same one."""
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
        return get_backend()
    return request.getfixturevalue("elasticsearch_backend")


@pytest.fixture(scope="session")
def osmem():
    """One in-memory OpenSearch server for the session, on a free port; it is stopped at
    the end (and exits by itself should the test process die)."""
    server = OsmemServer.start(japanese=False, addr="127.0.0.1:0")
    yield server
    server.close()


def osmem_client(url: str) -> Elasticsearch:
    """A client for osmem, which speaks plain JSON and names no product, as OpenSearch
    does: the application's own OpenSearch node bridges that for the 8.x client."""
    return Elasticsearch(url, node_class=OpenSearchNode, request_timeout=10)


@pytest.fixture
def elasticsearch_backend(osmem, settings, monkeypatch):
    """An Elasticsearch backend on the osmem server, with index names of its own (a fresh
    prefix per test: no test sees another's documents); `get_backend()` returns one too.
    The engine indexes the application's tokens (search/analysis.py) as in production."""
    settings.ELASTICSEARCH_URL = osmem.url
    settings.SEARCH_INDEX_PREFIX = f"test{next(_prefixes)}"
    client = osmem_client(osmem.url)
    monkeypatch.setattr(
        ElasticsearchBackend, "__init__", _init_with(client, ElasticsearchBackend.__init__)
    )
    backend = ElasticsearchBackend()
    yield backend
    client.indices.delete(index=f"{settings.SEARCH_INDEX_PREFIX}-*", ignore_unavailable=True)


def _init_with(client, init):
    def __init__(self, client_=None, **kwargs):
        init(self, client_ or client, **kwargs)

    return __init__
