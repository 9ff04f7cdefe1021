"""Django settings for jixiao, read from the environment.

JIXIAO_DATA_DIR       folder for the SQLite database, the queue and the secret key (default ./var)
DATABASE_URL          postgres://user:pass@host:5432/name selects PostgreSQL (default: SQLite)
JIXIAO_QUEUE_URL      redis://host:6379/0 runs background work on Redis (``python -m jixiao.web run_huey``
                      on any number of machines); default: a SQLite queue consumed inside ``jixiao serve``
JIXIAO_QUEUE_IMMEDIATE=1  run background work at once, in the request (tests)
JIXIAO_SECRET_KEY     secret key (default: generated once and kept in the data folder)
JIXIAO_ALLOWED_HOSTS  comma-separated host names (default: 127.0.0.1,localhost)
JIXIAO_DEBUG=1        Django's debug pages (never on a shared server)
JIXIAO_HTTPS=1        production behind HTTPS: secure cookies, HSTS (JIXIAO_HSTS_SECONDS, default one year;
                      JIXIAO_HSTS_INCLUDE_SUBDOMAINS=0 when sibling hosts still serve plain HTTP), redirect
                      to HTTPS (except /healthz)
JIXIAO_TRUSTED_PROXIES  comma-separated addresses or networks of the reverse proxies in front of the
                      server: X-Forwarded-For is believed from them only (client address, lock-out);
                      with JIXIAO_HTTPS, X-Forwarded-Proto from them says the request came over HTTPS
JIXIAO_SESSION_IDLE_MINUTES  a session ends after this long without a request (default 30); at the
                      latest 8 hours after login
JIXIAO_EMAIL_HOST, JIXIAO_EMAIL_PORT, JIXIAO_EMAIL_USER, JIXIAO_EMAIL_PASSWORD, JIXIAO_EMAIL_FROM,
JIXIAO_EMAIL_TLS=1    a mail server for the "forgot my password" mails; without one, an administrator
                      issues the reset link (admin → 用户 → 生成重置密码链接)
JIXIAO_MAX_UPLOAD_MB  largest file accepted for import, on the screens and the API alike (default 50)
JIXIAO_MAX_BODY_MB    largest request body other than an uploaded file: a page's post, the API's JSON (default 10)
JIXIAO_IMPORT_MEMORY_MB, JIXIAO_IMPORT_SECONDS, JIXIAO_IMPORT_CONCURRENCY
                      the child process that reads an uploaded file: its memory and time limits, and how
                      many run at once per server or worker process (defaults 2048, 300, 2);
                      JIXIAO_IMPORT_ISOLATED=0 reads in the calling process instead (debugging only)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

from jixiao.core import fields

WEB_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("JIXIAO_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    if key := os.environ.get("JIXIAO_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key.txt"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = _flag("JIXIAO_DEBUG")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("JIXIAO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("JIXIAO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "huey.contrib.djhuey",
    "jixiao.web.orgs",
    "jixiao.web.accounts",
    "jixiao.web.forms",
    "jixiao.web.audit",
    "jixiao.web.workflow",
    "django_htmx",
    "ninja",  # the API docs page from its own static files, not a CDN
    "jixiao.web.portal",
    "jixiao.web.api",
    "jixiao.web.scoring",
    "jixiao.web.dashboards",
]

MIDDLEWARE = [
    "jixiao.web.security.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "jixiao.web.security.NulByteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jixiao.web.security.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "jixiao.web.api.middleware.ApiJsonErrors",
    # AxesMiddleware should be the last middleware (django-axes documentation).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jixiao.web.urls"
WSGI_APPLICATION = "jixiao.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
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
        default=f"sqlite:///{DATA_DIR / 'jixiao.sqlite3'}",
        conn_max_age=int(os.environ.get("JIXIAO_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several server threads write: take the write lock at BEGIN and wait for it rather than fail.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("JIXIAO_TEST_SQLITE") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "jixiao.web.accounts.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "forms:list"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: 5 failures for one user name from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("JIXIAO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The client's own address, also behind a reverse proxy (``jixiao.web.security.client_address``).
AXES_CLIENT_IP_CALLABLE = "jixiao.web.security.client_address"
JIXIAO_TRUSTED_PROXIES = [p for p in os.environ.get("JIXIAO_TRUSTED_PROXIES", "").split(",") if p.strip()]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise expects it, even before collectstatic
STATICFILES_DIRS = [WEB_DIR / "static"]
# Serve from the app folders directly, so nothing breaks before (or without) collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "uploads"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# One limit on a request body (a page's post or the API's JSON; uploaded files have their own):
# refused unread past it, in Chinese naming it (``jixiao.web.security.bad_request``).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(float(os.environ.get("JIXIAO_MAX_BODY_MB", "10")) * 1024 * 1024)
# Every input of a form with the most tasks and indicators (``jixiao.core.fields``) fits.
DATA_UPLOAD_MAX_NUMBER_FIELDS = fields.most_inputs()
# One upload limit for the screens and the API (and the importer's own ``max_bytes``).
JIXIAO_MAX_UPLOAD_BYTES = int(os.environ.get("JIXIAO_MAX_UPLOAD_MB", "50")) * 1024 * 1024
JIXIAO_IMPORT_ISOLATED = os.environ.get("JIXIAO_IMPORT_ISOLATED", "1").strip().lower() not in {
    "0",
    "false",
    "no",
    "off",
}
JIXIAO_IMPORT_MEMORY_MB = int(os.environ.get("JIXIAO_IMPORT_MEMORY_MB", "2048"))
JIXIAO_IMPORT_SECONDS = float(os.environ.get("JIXIAO_IMPORT_SECONDS", "300"))
JIXIAO_IMPORT_CONCURRENCY = int(os.environ.get("JIXIAO_IMPORT_CONCURRENCY", "2"))
FILE_UPLOAD_HANDLERS = [
    "jixiao.web.forms.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600  # at the latest 8 hours after login (SessionTimeoutMiddleware)
JIXIAO_SESSION_IDLE_SECONDS = int(float(os.environ.get("JIXIAO_SESSION_IDLE_MINUTES", "30")) * 60)
HTTPS = _flag("JIXIAO_HTTPS")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers ask over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("JIXIAO_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("JIXIAO_HSTS_INCLUDE_SUBDOMAINS", "1") != "0"
# The preload directive does nothing until the domain is submitted to the browsers' list (an
# intranet domain never is); it is set so that the deployment check has nothing to report.
SECURE_HSTS_PRELOAD = os.environ.get("JIXIAO_HSTS_PRELOAD", "1") != "0"
if HTTPS and JIXIAO_TRUSTED_PROXIES:
    # Only the trusted proxies' header counts: ClientAddressMiddleware runs first, but Django reads
    # this header itself, so the proxy must set (not append to) X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
PASSWORD_RESET_TIMEOUT = 24 * 3600

EMAIL_HOST = os.environ.get("JIXIAO_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("JIXIAO_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("JIXIAO_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("JIXIAO_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = _flag("JIXIAO_EMAIL_TLS")
    DEFAULT_FROM_EMAIL = os.environ.get("JIXIAO_EMAIL_FROM", f"jixiao@{EMAIL_HOST}")
else:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
JIXIAO_EMAIL_RESET = bool(EMAIL_HOST)

# Rendered public downloads, kept until the form changes (the key carries its revision).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "downloads": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache" / "downloads"),
        "TIMEOUT": 7 * 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

QUEUE_URL = os.environ.get("JIXIAO_QUEUE_URL", "").strip()
if QUEUE_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "jixiao",
        "url": QUEUE_URL,
        "immediate": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "jixiao",
        "filename": str(DATA_DIR / "queue.sqlite3"),
        "immediate": _flag("JIXIAO_QUEUE_IMMEDIATE"),
        "consumer": {"workers": 2, "worker_type": "thread"},
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "jixiao": {"handlers": ["console"], "level": os.environ.get("JIXIAO_LOG_LEVEL", "INFO")},
        "huey": {"handlers": ["console"], "level": "WARNING"},
    },
}
