"""Local development: the embedded defaults, DEBUG on, an insecure key if none is set."""

import ipaddress

from .base import *  # noqa: F403
from .base import env


def _is_loopback(host: str) -> bool:
    host = host.strip().strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# DEBUG shows code and settings to whoever causes an error: on by default only when the
# server listens on a loopback address (HOST, read by `make run` and the Procfile). Static
# files are served by WhiteNoise either way.
DEBUG = env.bool("DEBUG", default=_is_loopback(env.str("HOST", default="127.0.0.1")))
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-change-me-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
