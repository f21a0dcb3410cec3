"""Django settings, read from the environment.

DATABASE_URL   default: SQLite file in the data folder (./data, or MAKELINE_DATA_DIR)
SECRET_KEY     default: generated on first run and kept in the data folder
DEBUG          off unless set to 1/true/yes
ALLOWED_HOSTS  comma separated; default: localhost names
MAKELINE_HTTPS 1 when served over HTTPS (behind a TLS proxy): secure cookies and HSTS
MAKELINE_API_RATE_LIMIT  REST API requests per minute per key; default 0 = no limit
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
CHECKOUT_DIR = BASE_DIR.parent.parent


def _flag(name: str, default: str = "") -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


DATA_DIR = Path(os.environ.get("MAKELINE_DATA_DIR") or CHECKOUT_DIR / "data")
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _flag("DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves the API docs page (/v1/docs) with its own static files, no CDN
    "makeline.common",
    "makeline.catalog",
    "makeline.inventory",
    "makeline.sales",
    "makeline.purchasing",
    "makeline.production",
    "makeline.planning",
    "makeline.access",
    "makeline.web",
    "makeline.api",
    "makeline.webhooks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "makeline.access.middleware.ActorMiddleware",
    "makeline.access.middleware.AccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "makeline.urls"
WSGI_APPLICATION = "makeline.wsgi.application"

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

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'makeline.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock up front, so
    # two writers queue instead of failing with "database is locked" half way through.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Browser packages from npm (package.json at the checkout root, installed by ./run and ./test).
# Only when installed, so a checkout without npm still starts (the screens then lack drag and drop).
_SORTABLEJS = CHECKOUT_DIR / "node_modules" / "sortablejs"
STATICFILES_DIRS = [("vendor/sortablejs", _SORTABLEJS)] if _SORTABLEJS.is_dir() else []

# REST API (/v1): requests per minute per API key; 0 (the default) switches the limit off.
MAKELINE_API_RATE_LIMIT = int(os.environ.get("MAKELINE_API_RATE_LIMIT") or 0)

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

if not DEBUG:
    SESSION_COOKIE_HTTPONLY = True
    X_FRAME_OPTIONS = "DENY"
    if _flag("MAKELINE_HTTPS"):
        # Only when the site really is HTTPS: plain http on 127.0.0.1 (the demo) must keep
        # its cookies. The proxy in front terminates TLS and says so in X-Forwarded-Proto.
        SESSION_COOKIE_SECURE = True
        CSRF_COOKIE_SECURE = True
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
        SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SECURE_HSTS_INCLUDE_SUBDOMAINS")
