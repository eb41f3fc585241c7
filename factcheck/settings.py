"""Factcheck settings, read from the environment (twelve-factor).

With nothing set, the app runs embedded: SQLite next to manage.py and Celery tasks executed in-process. Setting
``DATABASE_URL`` (PostgreSQL, psycopg 3) and ``CELERY_BROKER_URL`` (Redis) switches to the full stack.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see README: Settings).")
    SECRET_KEY = "insecure-development-key-only-for-debug-runs"  # noqa: S105 - refused above unless DEBUG

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # ETag on every non-streamed GET (API pages, claim details) and 304 when the client already has that version.
    "django.middleware.http.ConditionalGetMiddleware",
    "articles.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "articles.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if os.environ.get("TEST_DATABASE_NAME"):
    # Lets several test runs share one PostgreSQL server without dropping each other's test database.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A request waiting on a locked row or a stuck server fails fast instead of holding a worker forever.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("DB_CONNECT_TIMEOUT", 5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In development the app serves static files straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "login"
# Failed log-ins allowed per username and address (four times as many per address) before a wait.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)
LOGIN_REDIRECT_URL = "articles:list"
LOGOUT_REDIRECT_URL = "login"

# Uploads: refused before they grow the process. One file may be up to UPLOAD_MAX_FILE_BYTES; a request carries
# at most UPLOAD_MAX_FILES files; the whole body is capped a little above their product.
UPLOAD_MAX_FILE_BYTES = env_int("UPLOAD_MAX_FILE_BYTES", 10 * 1024 * 1024)
UPLOAD_MAX_FILES = env_int("UPLOAD_MAX_FILES", 20)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = UPLOAD_MAX_FILES
UPLOAD_MAX_REQUEST_BYTES = UPLOAD_MAX_FILE_BYTES * 5

# Celery. Without a broker URL the tasks run in-process (the embedded first run); with one, they go to workers.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task is acknowledged only once it finished, and re-queued if its worker process dies; services make the
# second delivery harmless. Long splits must not sit prefetched behind another one.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Unless this is set, Celery's Django fix-up closes the database connection before and after every task, and opening
# a PostgreSQL connection costs more than splitting a news article. With it, a worker reconnects every this many
# tasks, and in between closes only broken or expired connections (factcheck/celery.py).
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 500)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than any task's hard time limit, so an unacknowledged task is redelivered only when its worker is gone.
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 600),
    "socket_connect_timeout": 3,
    "socket_timeout": 10,
    "max_retries": 1,
    # How often a worker scans for unacknowledged tasks of dead workers (kombu's default is every ~100 s); only
    # tasks older than visibility_timeout come back, so the sweeper below is what bounds recovery in practice.
    "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10),
    "unacked_restore_throttle": env_int("CELERY_UNACKED_RESTORE_THROTTLE", 1),
}
# An upload made while Redis is down must not hang: give up publishing quickly, the sweeper enqueues it later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_TASK_DEFAULT_QUEUE = "split"
CELERY_TASK_ROUTES = {
    "articles.tasks.split_article_task": {"queue": "split"},
    "articles.tasks.match_article_task": {"queue": "match"},
    "articles.tasks.requeue_stuck_articles_task": {"queue": "split"},
    "articles.tasks.export_claims_task": {"queue": "export"},
    "articles.tasks.sweep_export_jobs_task": {"queue": "export"},
}
CELERY_BEAT_SCHEDULE = {
    "requeue-stuck-articles": {
        "task": "articles.tasks.requeue_stuck_articles_task",
        "schedule": timedelta(seconds=env_int("SWEEP_INTERVAL_SECONDS", 30)),
    },
    "sweep-export-jobs": {
        "task": "articles.tasks.sweep_export_jobs_task",
        "schedule": timedelta(seconds=env_int("EXPORT_SWEEP_INTERVAL_SECONDS", 60)),
    },
}

# An article still queued or splitting this long after its last status change is re-enqueued by the sweeper.
# Safe to keep short: an article being split holds its row lock, and the sweeper skips locked rows.
SPLIT_STUCK_AFTER = timedelta(seconds=env_int("SPLIT_STUCK_AFTER_SECONDS", 60))
# After this many attempts that ended with the worker dying, an article is marked failed instead of retried.
SPLIT_MAX_ATTEMPTS = env_int("SPLIT_MAX_ATTEMPTS", 3)

# Background exports (ExportJob): where workers write the files and the web process serves them from. Web and
# export workers must see the same directory (a shared volume when they run on different machines).
EXPORTS_DIR = Path(os.environ.get("EXPORTS_DIR") or BASE_DIR / "media" / "exports")
# A running export records its progress every this many rows, not on every row.
EXPORT_PROGRESS_ROWS = env_int("EXPORT_PROGRESS_ROWS", 10_000)
# Deliveries of one export whose worker died before it finished; then the job is marked failed.
EXPORT_MAX_ATTEMPTS = env_int("EXPORT_MAX_ATTEMPTS", 3)
# A queued or running export that shows no progress for this long has lost its message or its worker, and the
# sweeper sends it again. A running export records progress every EXPORT_PROGRESS_ROWS rows, a fraction of a
# second apart, so minutes of silence mean no one is on it.
EXPORT_STUCK_AFTER = timedelta(seconds=env_int("EXPORT_STUCK_AFTER_SECONDS", 300))
# A finished export's file is kept this long, then the sweeper deletes it and marks the job expired.
EXPORT_KEEP_FOR = timedelta(days=env_int("EXPORT_KEEP_DAYS", 7))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "articles.api.pagination.IdCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["articles.api.throttles.WriteRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"writes": os.environ.get("API_WRITE_RATE", "600/minute")},
    "EXCEPTION_HANDLER": "articles.api.errors.exception_handler",
    # `?format=` names an export format, not a renderer.
    "URL_FORMAT_OVERRIDE": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Factcheck API",
    "DESCRIPTION": "Articles, the claims split from them, reviewers' verdicts and exports.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Articles and claims both have a "status"; named enums keep the schema stable (and `check --deploy` quiet).
    "ENUM_NAME_OVERRIDES": {
        "ArticleStatusEnum": "articles.models.Article.Status",
        "ClaimStatusEnum": "articles.models.Claim.Status",
        "ExportJobStatusEnum": "articles.models.ExportJob.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "articles.api.errors.document_error_responses",
    ],
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["CACHE_URL"]}
    }

# Production hardening: on whenever DEBUG is off, so `check --deploy` passes with the environment alone.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
