"""The stock reference: a Django project as `startproject` makes it (Django's default
apps and middleware only), on the benchmark's database, with DEBUG off. The ratios of
`make bench` are judged against its bare views, so that the project's own middleware,
apps and settings count against the project."""

from benchmarks.settings import DATABASES  # the same database, the same CONN_MAX_AGE

SECRET_KEY = "bench-stock-reference-not-secret"  # noqa: S105 - a local benchmark only
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "benchmarks.stock_urls"
WSGI_APPLICATION = "benchmarks.stock_wsgi.application"
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
# Django's default middleware (django/conf/project_template/.../settings.py-tpl).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
DATABASES = {"default": {**DATABASES["default"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
