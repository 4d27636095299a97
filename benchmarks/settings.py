"""Benchmark settings: the dev defaults, DEBUG off, a bare view beside the portal, no limits."""

from portal.settings.dev import *  # noqa: F403
from portal.settings.dev import BASE_DIR, env, postgres_tuned

DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "benchmarks.urls"
DATABASES = {
    "default": env.db(
        "BENCH_DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'bench.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DATABASES["default"]["CONN_MAX_AGE"] = 60
postgres_tuned(DATABASES["default"])
# The reference views stay bare: no page cache in front of them.
PAGE_CACHE_EXCLUDED_PATHS = [*PAGE_CACHE_EXCLUDED_PATHS, "/bench/"]  # noqa: F405
TRACKING_RATE_LIMIT = "1000000/s"
SUBMISSION_RATE_LIMIT = "1000000/s"
# The benchmark measures the web process: deliveries stay queued for the worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
