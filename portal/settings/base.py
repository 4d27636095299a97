"""Every setting of the project, read from the environment through one reader.

`dev`, `test` and `production` only override. Each variable is listed, with its
meaning, in `.env.example` and in the README.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Public address of the portal, used in links sent by email and SMS.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_SITE_NAME = env.str("ORGANISATION_NAME", default="Complaints portal")

INSTALLED_APPS = [
    # wagtail_modeltranslation patches Wagtail's page model: it comes first.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "portal",
    "workflow",
    "search",
    "improvement",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "viewflow",
    "viewflow.workflow",
    "django_filters",
    "formtools",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Sign-in lockout after repeated failures (staff and CMS), see the AXES_ settings.
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.CaseAccessMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "workflow.middleware.StaffLoginRequiredMiddleware",
    "workflow.middleware.CaseBusyMiddleware",
    "viewflow.middleware.SiteMiddleware",
    "viewflow.middleware.HotwireTurboMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in with workflow.lockout.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

# Databases: DATABASE_URL (postgres://…, sqlite:///…); unset → SQLite beside the code.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# Connections are kept between requests (opening one costs more than most queries).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
# PostgreSQL's planner costs a random page read at 4 sequential ones, a figure for spinning
# disks: with it, a staff search for a common word read every case's document (0.1 s at
# 100,000 cases) instead of the text index (0.01 s). 1.1 is PostgreSQL's advice for SSDs
# and for databases that fit in memory; set per connection. Empty: the server's own.
POSTGRES_RANDOM_PAGE_COST = env.str("POSTGRES_RANDOM_PAGE_COST", default="1.1")
# PostgreSQL's JIT compiles a statement the planner guesses costly; our statements run in
# milliseconds, and compiling one took 0.4 s (a staff search whose guessed cost was high).
# "off" by default, set on each connection; empty: the server's own.
POSTGRES_JIT = env.str("POSTGRES_JIT", default="off")


def postgres_tuned(database: dict) -> dict:
    """The database's settings with POSTGRES_RANDOM_PAGE_COST and POSTGRES_JIT for its
    connections (PostgreSQL)."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        return database
    settings = []
    if POSTGRES_RANDOM_PAGE_COST:
        settings.append(f"-c random_page_cost={float(POSTGRES_RANDOM_PAGE_COST)}")
    if POSTGRES_JIT:
        jit = "on" if POSTGRES_JIT.lower() in ("on", "true", "1", "yes") else "off"
        settings.append(f"-c jit={jit}")
    if settings:
        options = database.setdefault("OPTIONS", {})
        options["options"] = " ".join([options.get("options", ""), *settings]).strip()
    return database


postgres_tuned(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches: REDIS_URL → Redis; otherwise the database (shared by every process,
# which the rate limits need).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": alias,
        }
        for alias in ("default", "pages")
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_page_cache",
        },
    }
# Template fragments ({% cache ... using="fragments" %}): the parts of public pages that
# depend only on the language, the configuration or records that never change (a case's
# timeline up to its last event), kept in each process's memory: Django's local-memory cache.
# Their keys name everything they depend on, so they never go stale and need no expiry
# (the least used are dropped past MAX_ENTRIES). FRAGMENT_CACHE=off renders every fragment
# on every request.
FRAGMENT_CACHE = env.bool("FRAGMENT_CACHE", default=True)
CACHES["fragments"] = (
    {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
    if FRAGMENT_CACHE
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
)
# How long an audit export's ZIP (case timelines, personal data) is kept before the clock
# deletes it; the record of the export and its checksums stay.
AUDIT_EXPORT_KEEP_DAYS = env.int("AUDIT_EXPORT_KEEP_DAYS", default=30)
# Departures from stock Django kept for speed, each listed in docs/speed.md with its gain;
# "off" gives Django's stock way (the test suite runs once with every one off).
# The public case reads (tracking lookup, case page) as one documented Manager.raw() statement.
SPEED_RAW_PUBLIC_READS = env.bool("SPEED_RAW_PUBLIC_READS", default=True)
# Rate-limit counts read and counted with one statement each (portal/ratelimit.py).
SPEED_RAW_RATE_COUNTS = env.bool("SPEED_RAW_RATE_COUNTS", default=True)
# The feedback form's answers written to the session only when they change
# (portal/wizard.py QuietSessionStorage; off: formtools' own session storage).
SPEED_QUIET_WIZARD_STORAGE = env.bool("SPEED_QUIET_WIZARD_STORAGE", default=True)
# The database search backend's own statements around the ORM's SQL of the permission rule
# and filters (search/backends/database.py: facet counts in one statement, a word search in
# one pass over its matches); off: a count and a query per facet, words as a filter.
SPEED_SEARCH_STATEMENTS = env.bool("SPEED_SEARCH_STATEMENTS", default=True)
# Configuration (active categories, priorities, calendars, the feedback form's texts) kept
# by each process for this long (workflow/config.py); 0 reads it on every use.
CONFIG_SECONDS = env.int("CONFIG_SECONDS", default=60)
# How many backdated, closed cases `load_demo` adds as the demo's year of history (None: the
# number in improvement/data/demo_history.toml; 0: none, only the root-cause taxonomy).
DEMO_HISTORY_CASES = env.int("DEMO_HISTORY_CASES", default=None)
# What each process keeps in its own memory for itself (which paths answer pages that can
# never be shared, the process diagram in each language).
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "local",
    "OPTIONS": {"MAX_ENTRIES": 10000},
}
# How long a public content page is served from the cache (0 turns the cache off).
# Publishing any page clears it at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
PAGE_CACHE_EXCLUDED_PATHS = ["/staff/", "/cms/", "/django-admin/", "/documents/", "/i18n/"]

# Background work: Django's tasks API; the database worker by default.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": [],
    }
}
# How often the worker's clock fires workflow timers and retries due deliveries.
WORKER_SWEEP_SECONDS = env.int("WORKER_SWEEP_SECONDS", default=30)
# How often the clock looks for cases the public form recorded and queues their start.
WORKER_START_SECONDS = env.float("WORKER_START_SECONDS", default=1.0)
# How often a worker records that it is alive; one silent for four beats is taken for
# stopped: its deliveries and tasks are released by the next sweep.
WORKER_HEARTBEAT_SECONDS = env.float("WORKER_HEARTBEAT_SECONDS", default=5.0)
# How long a claimed delivery may take before the sweep gives it to another worker; more
# than the sum of one delivery's timeouts (checked at start-up, see workflow/checks.py).
OUTBOX_LEASE_SECONDS = env.float("OUTBOX_LEASE_SECONDS", default=60.0)
# The wait before a failed delivery is tried again, doubled after every failure (to 6 h).
OUTBOX_RETRY_SECONDS = env.float("OUTBOX_RETRY_SECONDS", default=30.0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff_home"
LOGOUT_REDIRECT_URL = "login"

# Brute-force protection of every password sign-in (the staff sign-in, Wagtail's /cms/,
# the Django admin) with django-axes: after LOGIN_FAILURE_LIMIT wrong passwords for one
# username from one client address, that pair is locked out for LOGIN_LOCKOUT_MINUTES
# (each further attempt starts the wait again), the person is told so in their language
# (workflow.lockout), and the lockout is recorded (Django admin: Axes). Per username and
# address: one address guessing is stopped, and nobody can lock a colleague out from
# elsewhere. Administrators unlock early with `manage.py axes_reset_username <name>`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("LOGIN_LOCKOUT_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "workflow.lockout.login_locked_out"
AXES_CLIENT_IP_CALLABLE = "workflow.lockout.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False

# Languages: every public URL carries its language (i18n_patterns).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("el", _("Greek")),
    ("it", _("Italian")),
    ("tr", _("Turkish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Dates in one format per language across a page (portal/formats/__init__.py).
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
WAGTAILMODELTRANSLATION_LOCALE_PICKER = False
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Email: EMAIL_URL (smtp://user:pass@host:587, consolemail://); console by default.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
if EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":  # noqa: F821
    # The same console, with headers decoded: an Arabic or Greek subject reads as written.
    EMAIL_BACKEND = "portal.mail.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="complaints@example.org")
# Seconds the SMTP connection waits to connect and for each answer of the mail server.
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", default=10.0)
# SMS: SMS_URL (console:// or an https:// provider endpoint); console by default.
SMS_URL = env.str("SMS_URL", default="console://")
# Seconds the SMS provider has to accept the connection, then to answer.
SMS_CONNECT_TIMEOUT = env.float("SMS_CONNECT_TIMEOUT", default=3.0)
SMS_READ_TIMEOUT = env.float("SMS_READ_TIMEOUT", default=10.0)

# Search: ELASTICSEARCH_URL set → Elasticsearch; unset → the database backend.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
SEARCH_INDEX_PREFIX = env.str("SEARCH_INDEX_PREFIX", default="complaints")
# What answers at ELASTICSEARCH_URL: "elasticsearch" (8, 9) or "opensearch" (2, 3).
SEARCH_ENGINE = env.str("SEARCH_ENGINE", default="elasticsearch")
# Seconds the search engine has to accept a connection, then to answer a request; how
# many times a request that could not connect is tried again (a timeout is not retried).
ELASTICSEARCH_CONNECT_TIMEOUT = env.float("ELASTICSEARCH_CONNECT_TIMEOUT", default=2.0)
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=5.0)
ELASTICSEARCH_MAX_RETRIES = env.int("ELASTICSEARCH_MAX_RETRIES", default=1)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Access to a case's page (docs/decisions.md, "Access to a case"): the link in
# notifications opens the case read-only for this many hours; a lookup or the second
# factor gives the browser's session access that ends after this many minutes without
# activity, and after this many hours in any case.
TRACKING_LINK_HOURS = env.int("TRACKING_LINK_HOURS", default=72)
TRACKING_ACCESS_IDLE_MINUTES = env.int("TRACKING_ACCESS_IDLE_MINUTES", default=30)
TRACKING_ACCESS_HOURS = env.int("TRACKING_ACCESS_HOURS", default=12)

# Public abuse limits (count/period, period in s, m, h or d): failed tracking lookups per
# client address and per tracking number, and submissions per client address.
TRACKING_RATE_LIMIT = env.str("TRACKING_RATE_LIMIT", default="10/m")
SUBMISSION_RATE_LIMIT = env.str("SUBMISSION_RATE_LIMIT", default="20/h")
# The feedback form forgets its answers after this many minutes without activity (warned
# five minutes before, with a button to keep them).
FEEDBACK_IDLE_MINUTES = env.int("FEEDBACK_IDLE_MINUTES", default=60)
# Where the client address is read: REMOTE_ADDR, or HTTP_X_FORWARDED_FOR behind a proxy.
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default="REMOTE_ADDR")

# Security headers and cookies.
SESSION_COOKIE_HTTPONLY = True
# Sessions: Django's cached_db engine when there is a shared cache (Redis); otherwise
# Django's database sessions read and updated with one statement each (portal/sessions.py,
# docs/speed.md; SPEED_SESSION_STATEMENTS=off gives Django's own database engine).
SPEED_SESSION_STATEMENTS = env.bool("SPEED_SESSION_STATEMENTS", default=True)
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif SPEED_SESSION_STATEMENTS:
    SESSION_ENGINE = "portal.sessions"
else:
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
