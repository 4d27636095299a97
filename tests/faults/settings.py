"""Settings of the processes the fault tests start (web requests, worker, clock): the
production shape on a temporary SQLite file, everything else from the environment the
test gives them (EMAIL_URL, ELASTICSEARCH_URL, the timeouts)."""

from portal.settings.base import *  # noqa: F403
from portal.settings.base import BASE_DIR
from portal.settings.base import CACHES as BASE_CACHES

DEBUG = False
SECRET_KEY = "fault-tests-only"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Rate limits and page caches are per process here: no shared cache table to lock.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    # Kept per process, as in production (FRAGMENT_CACHE=off turns the fragments off).
    "fragments": BASE_CACHES["fragments"],
    "local": BASE_CACHES["local"],
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SMS_URL = "memory://"
SITE_URL = "http://testserver"
STATIC_ROOT = BASE_DIR / "var" / "fault-static"
