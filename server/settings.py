"""Django settings for Circles, read from the environment with embedded defaults.

With no environment at all the server runs on a SQLite file and the in-memory channel
layer, so ``make run`` needs nothing else. ``DATABASE_URL`` switches to PostgreSQL (psycopg 3)
and ``REDIS_URL`` to channels-redis, which is what lets several server processes share rooms.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean from the environment ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """Read an integer from the environment, refusing garbage loudly at start-up."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list from the environment."""
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

# Without SECRET_KEY a development key is used; its "django-insecure-" prefix makes
# `manage.py check --deploy` fail loudly, so it cannot slip into production unnoticed.
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    "django-insecure-circles-development-key-never-use-in-production"
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    # django-csp: its system checks catch settings in the old (3.x) format.
    "csp",
    "groups",
    "moderation",
    "consumers",
    "frontend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response (policy below).
    "server.csp.SameHostWebSocketCSPMiddleware",
    # Serves the few static files under daphne, with no separate web server or build step.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "server.urls"
ASGI_APPLICATION = "server.asgi.application"

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

# --- Database -------------------------------------------------------------------------
SQLITE_PATH = Path(os.environ.get("CIRCLES_SQLITE_PATH", str(BASE_DIR / "circles.sqlite3")))
DATABASE_URL = os.environ.get("DATABASE_URL", "")


def sqlite_database(name: str | Path) -> dict[str, Any]:
    """SQLite as Circles needs it, however it is configured (the default file or a
    ``sqlite:///`` DATABASE_URL)."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
        # Reuse connections: opening one (and its PRAGMAs) on every database call of a
        # consumer was measured as a large part of a message's latency.
        "CONN_MAX_AGE": 600,
        "OPTIONS": {
            # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock
            # when a transaction starts, so two senders queue instead of deadlocking on
            # the read-then-write of the room's sequence counter; a writer waits up to 20 s
            # for the lock instead of failing at once.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
        # Tests use a file, not :memory:, so that server subprocesses see the same data.
        "TEST": {"NAME": os.environ.get("CIRCLES_SQLITE_TEST_PATH") or None},
    }


if DATABASE_URL:
    parsed = dict(dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True))
    DATABASES: dict[str, dict[str, Any]] = {
        "default": sqlite_database(str(parsed["NAME"]))
        if parsed["ENGINE"] == "django.db.backends.sqlite3"
        else parsed
    }
else:
    DATABASES = {"default": sqlite_database(SQLITE_PATH)}


DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Channel layer --------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
# Each test run sets its own prefix so concurrent runs on one Redis never see each other.
CIRCLES_REDIS_PREFIX = os.environ.get("CIRCLES_REDIS_PREFIX", "circles")

# Which channels-redis layer: "pubsub" (Redis PUB/SUB, the default) or "core" (lists and
# sorted sets). Under load (benchmarks/load.py, 960 connections) core's four Redis round
# trips per delivered event cost Circles a p99 thirty times pub/sub's; see the README.
CIRCLES_CHANNEL_LAYER = os.environ.get("CIRCLES_CHANNEL_LAYER", "pubsub")
if CIRCLES_CHANNEL_LAYER not in {"core", "pubsub"}:
    raise ValueError(f"CIRCLES_CHANNEL_LAYER must be core or pubsub, got {CIRCLES_CHANNEL_LAYER!r}")

# redis-py 8 gives every connection a 5 s socket timeout, the same as channels-redis's 5 s
# blocking pop, so an idle consumer's read timed out and daphne closed the member's socket
# with 1011 (redis-py issue 4091, channels_redis issue 422). A read must outlast the pop;
# a Redis that stops answering is still noticed (after this long) and retried by
# consumers/layer.py, instead of a read that waits for ever.
CIRCLES_REDIS_SOCKET_TIMEOUT = env_int("CIRCLES_REDIS_SOCKET_TIMEOUT", 15)

if REDIS_URL and CIRCLES_CHANNEL_LAYER == "pubsub":
    CHANNEL_LAYERS: dict[str, dict[str, Any]] = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "socket_timeout": CIRCLES_REDIS_SOCKET_TIMEOUT}],
                "prefix": CIRCLES_REDIS_PREFIX,
            },
        }
    }
elif REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "socket_timeout": CIRCLES_REDIS_SOCKET_TIMEOUT}],
                "prefix": CIRCLES_REDIS_PREFIX,
                # Room bursts (a dozen members, typing, presence) overflow the default 100.
                "capacity": 1000,
                "expiry": 30,
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Auth, sessions, security ---------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LOGIN_URL = "/login/"
# Every login path counts failures (groups/throttle.py).
AUTHENTICATION_BACKENDS = ["groups.throttle.ThrottledModelBackend"]
CIRCLES_LOGIN_FAILURES_PER_ACCOUNT = env_int("CIRCLES_LOGIN_FAILURES_PER_ACCOUNT", 5)
CIRCLES_LOGIN_FAILURES_PER_ADDRESS = env_int("CIRCLES_LOGIN_FAILURES_PER_ADDRESS", 20)
CIRCLES_LOGIN_LOCKOUT_SECONDS = env_int("CIRCLES_LOGIN_LOCKOUT_SECONDS", 900)
# How many trusted proxies (a TLS router, a load balancer) stand in front of the server: the
# client address for login throttling is then the one they put in X-Forwarded-For.
CIRCLES_PROXY_HOPS = env_int("CIRCLES_PROXY_HOPS", 0)
# Shared by every process when Redis is there (login throttling), else this process's memory.
CACHES = (
    {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CIRCLES_REDIS_PREFIX,
        }
    }
    if REDIS_URL
    else {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
)
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# No inline script or style anywhere, and no 'unsafe-inline': pages load their scripts and
# styles as static files, so injected markup cannot run (a second line behind escaping).
# connect-src gets this host's ws:/wss: added per request (server/csp.py). The admin needs
# nothing more. /api/docs (Swagger UI from a CDN, with an inline script) does not load under
# it; the schema itself, /api/openapi.json, is unaffected.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("CIRCLES_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("CIRCLES_SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("CIRCLES_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("CIRCLES_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # The health check must answer over plain HTTP from a load balancer.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Only for `collectstatic` deployments; by default files are served from the apps.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or None
# Serve straight from the apps' static folders: no collectstatic step before `make run`.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# --- Circles --------------------------------------------------------------------------
CIRCLES_MESSAGE_MAX_CHARS = 2000
CIRCLES_FRAME_MAX_BYTES = 16 * 1024
CIRCLES_RATE_LIMIT_MESSAGES = env_int("CIRCLES_RATE_LIMIT_MESSAGES", 10)
CIRCLES_RATE_LIMIT_SECONDS = env_int("CIRCLES_RATE_LIMIT_SECONDS", 10)
CIRCLES_SYNC_BATCH = 200
CIRCLES_SYNC_DEFAULT_RECENT = 50
# A live message that arrives ahead of an earlier seq waits this long for it before the gap
# is fetched from the database (broadcasts from two processes can overtake each other).
CIRCLES_REORDER_WAIT_SECONDS = 0.25
# Sends of one connection waiting their turn; past this the next is refused (rate_limited,
# with its client_id) instead of queueing without bound.
CIRCLES_MAX_QUEUED_SENDS = 20
CIRCLES_HEARTBEAT_SECONDS = env_int("CIRCLES_HEARTBEAT_SECONDS", 15)
# One member's open sockets in one room (tabs, devices): more are refused, newest first, so
# one person cannot hold hundreds of connections (and flood everyone's channels).
CIRCLES_MAX_SOCKETS_PER_MEMBER = env_int("CIRCLES_MAX_SOCKETS_PER_MEMBER", 5)
# A facilitator's socket looks at their certification again at least this often (and at the
# moment it runs out).
CIRCLES_CERTIFICATION_RECHECK_SECONDS = env_int("CIRCLES_CERTIFICATION_RECHECK_SECONDS", 3600)
CIRCLES_TYPING_INTERVAL_SECONDS = 3
# Messages, their screen records, flags, holds and transcripts are deleted after this many
# days (python manage.py purge_expired; the worker runs it once a day).
CIRCLES_RETENTION_DAYS = env_int("CIRCLES_RETENTION_DAYS", 90)
# The screen's second opinion (moderation/services/second_opinion.py): the sentence encoder
# reads each posted or held message after the ack and may add a flag or raise a severity.
# Off, or with the encoder not built, the synchronous screen works alone (/healthz says so).
CIRCLES_SECOND_OPINION = env_bool("CIRCLES_SECOND_OPINION", True)
# Messages waiting for it per process; beyond this a message is not read a second time (and
# /healthz counts it), so a flood cannot grow the queue or the delay without bound.
CIRCLES_SECOND_OPINION_MAX_PENDING = env_int("CIRCLES_SECOND_OPINION_MAX_PENDING", 200)
CIRCLES_ROOM_CAPACITY_DEFAULT = 12
# An urgent crisis flag not acknowledged by a facilitator within this many seconds is paged
# to the group's coordinators.
CIRCLES_ESCALATION_ACK_SECONDS = env_int("CIRCLES_ESCALATION_ACK_SECONDS", 60)
# Every page to coordinators is also POSTed here as JSON when set (retried until 2xx).
CIRCLES_ESCALATION_WEBHOOK_URL = os.environ.get("CIRCLES_ESCALATION_WEBHOOK_URL", "")
# Pages go by e-mail to coordinators with an address when Django's mail is configured.
CIRCLES_ESCALATION_EMAIL = env_bool("CIRCLES_ESCALATION_EMAIL", bool(os.environ.get("EMAIL_HOST")))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "circles@localhost")
# Links in pages point here (the coordinator opens the escalation in the admin).
CIRCLES_BASE_URL = os.environ.get("CIRCLES_BASE_URL", "http://127.0.0.1:8000")
CIRCLES_WORKER_INTERVAL_SECONDS = env_int("CIRCLES_WORKER_INTERVAL_SECONDS", 1)
# With the in-memory channel layer an event can only reach sockets of the process that sends
# it, so the escalation worker runs inside the web process (moderation/worker.py). With
# Redis it is the Procfile's separate `worker:` process, and this stays off, so two workers
# never run against one database.
CIRCLES_EMBEDDED_WORKER = env_bool("CIRCLES_EMBEDDED_WORKER", not REDIS_URL)

# --- Logging --------------------------------------------------------------------------
# Message text must never reach a log. The SQL logger would print query parameters (which
# include message text) when DEBUG is on, so it is pinned above DEBUG whatever the mode.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"quiet_layer_errors": {"()": "groups.logsafe.QuietLayerErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CIRCLES_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO", "propagate": True},
        "daphne": {"level": "INFO"},
        # Its receive loop logs a traceback a second while Redis is down.
        "channels_redis.pubsub": {"filters": ["quiet_layer_errors"]},
    },
}
