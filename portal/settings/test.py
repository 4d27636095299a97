"""Fast, deterministic settings for the test suite."""

from .base import *  # noqa: F403
from .base import BASE_DIR
from .base import CACHES as BASE_CACHES

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    # Kept per process, as in production (FRAGMENT_CACHE=off turns the fragments off).
    "fragments": BASE_CACHES["fragments"],
    "local": BASE_CACHES["local"],
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_URL = "memory://"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
SITE_URL = "http://testserver"
ELASTICSEARCH_URL = ""
# No year of demo history unless a test asks for it (tests/improvement/test_demo_history.py).
DEMO_HISTORY_CASES = 0
