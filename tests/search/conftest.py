import pytest

from search.backends import get_backend


@pytest.fixture(params=["database", "elasticsearch"])
def search_backend(request, settings, db):
    """Each backend in turn; `get_backend()` (what the views use) returns the same one."""
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
        return get_backend()
    return request.getfixturevalue("elasticsearch_backend")


@pytest.fixture
def elasticsearch_backend(settings):
    pytest.skip("The Elasticsearch server for the behaviour suite is not set up yet.")
