"""Settings of the scale-out proof (`make scaleout`): the benchmark's (DEBUG off, no abuse
limits for 32 clients on one address) on the project's own URLs, with the database of
DATABASE_URL, Redis at REDIS_URL and mail to EMAIL_URL, all chosen by the harness."""

from benchmarks.settings import *  # noqa: F403
from benchmarks.settings import env, postgres_tuned

ROOT_URLCONF = "portal.urls"
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = 60
postgres_tuned(DATABASES["default"])
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Which clock leads, and what each sweep did.
    "loggers": {
        "workflow.management.commands.clock": {"level": "INFO"},
        "workflow.leader": {"level": "INFO"},
        "workflow.tasks": {"level": "INFO"},
    },
}
