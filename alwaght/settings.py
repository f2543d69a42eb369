"""Settings for the Alwaght site: one module, configured from the environment.

Local runs need no configuration at all: with ``DATABASE_URL`` unset the embedded
PostgreSQL server under ``var/`` is used, a secret key is generated into ``var/``
and the cache lives in process memory. ``PRODUCTION=1`` turns on the HTTPS and
cookie hardening and makes the secret key, hosts and database mandatory.
README.md lists every variable.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from alwaght import embedded_db

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from error


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PRODUCTION = env_bool("PRODUCTION")
DEBUG = env_bool("DEBUG")
VAR_DIR = Path(env_str("VAR_DIR") or BASE_DIR / "var")


def _local_secret_key() -> str:
    """A key generated once into var/ so sessions survive restarts of local runs."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production set it to a long random value, for example "
            "the output of: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = _local_secret_key()

_local_hosts = ["127.0.0.1", "localhost", "[::1]", "testserver"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else _local_hosts)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set: list the site's host names, comma-separated.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

SITE_NAME = env_str("SITE_NAME", "Alwaght")
SITE_TAGLINE = env_str("SITE_TAGLINE", "News & Analysis Website")
# The site's name and tagline in the Arabic and Persian editions (common/editions.py).
SITE_NAMES = {
    "en": SITE_NAME,
    "ar": env_str("SITE_NAME_AR", "الوقت"),
    "fa": env_str("SITE_NAME_FA", "الوقت"),
}
SITE_TAGLINES = {
    "en": SITE_TAGLINE,
    "ar": env_str("SITE_TAGLINE_AR", "موقع إخباري وتحليلي"),
    "fa": env_str("SITE_TAGLINE_FA", "پایگاه خبری تحلیلی"),
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "taggit",
    "mptt",
    "imagekit",
    "django_prose_editor",
    # Login throttling for /admin/ (django-axes): failures counted in PostgreSQL.
    "axes",
    # The job queue (django-tasks with its database backend): jobs are rows in PostgreSQL.
    "django_tasks",
    "django_tasks_db",
    "reversion",
    "django.forms",
    "common",
    "alwaght",
    "articles",
    "focus",
    "comments",
    "gallery",
    "maps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "alwaght.middleware.ContentSecurityPolicyMiddleware",
    "alwaght.middleware.AdminDropsNulCharactersMiddleware",
    # Answers 304 when the reader's copy is current (ETag, Last-Modified).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The edition's language, from the address (before anything resolves or caches a page).
    "alwaght.middleware.EditionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Reader pages: the site's page cache and what edges may keep (Cache-Control, surrogate keys).
    "alwaght.page_cache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# bench/ swaps in a URLconf that adds a trivial "floor" view beside the site's own.
ROOT_URLCONF = env_str("ROOT_URLCONF", "alwaght.urls")
WSGI_APPLICATION = "alwaght.wsgi.application"

# Widgets' templates are looked up like every other template (templates/common/widgets/…).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
_CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.messages.context_processors.messages",
    "alwaght.context_processors.site",
    "articles.context_processors.navigation",
]
TEMPLATES = [
    # Reader pages (jinja2/): rendered on every cache miss, so by the faster engine
    # (alwaght/templating.py). Admin, widgets and the rest stay on Django templates.
    {
        "NAME": "reader",
        "BACKEND": "alwaght.templating.ReaderTemplates",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "alwaght.templating.environment",
            "context_processors": _CONTEXT_PROCESSORS,
            "autoescape": True,
            # Templates are compiled once per process; DEBUG reloads edited ones.
            "auto_reload": DEBUG,
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alwaght.context_processors.site",
                "articles.context_processors.navigation",
            ],
        },
    },
]

# Database: DATABASE_URL, or the embedded server under var/ for local runs.
_database_url = env_str("DATABASE_URL")
_connection_max_age = env_int("DATABASE_CONN_MAX_AGE", 60)
if _database_url:
    DATABASES = {
        "default": dj_database_url.parse(
            _database_url, conn_max_age=_connection_max_age, conn_health_checks=True
        )
    }
elif PRODUCTION:
    raise ImproperlyConfigured("DATABASE_URL is not set: production needs a PostgreSQL server.")
else:
    DATABASES = {
        "default": {
            **embedded_db.ensure_running(VAR_DIR),
            "CONN_MAX_AGE": _connection_max_age,
            "CONN_HEALTH_CHECKS": True,
        }
    }
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://…).")
# A database that does not answer must fail fast, never hold readers for long: a bounded
# connection set-up, a bound on every statement, and TCP keepalives that notice a dead peer.
DATABASE_CONNECT_TIMEOUT_SECONDS = env_int("DATABASE_CONNECT_TIMEOUT_SECONDS", 3)
DATABASE_STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 10_000)
DATABASES["default"].setdefault("OPTIONS", {}).update(
    {
        "connect_timeout": DATABASE_CONNECT_TIMEOUT_SECONDS,
        "options": f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}",
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "tcp_user_timeout": DATABASE_CONNECT_TIMEOUT_SECONDS * 1000 + 2000,
    }
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, process memory otherwise. A Redis that is down or hung
# costs one short timeout, then pages render without it for CACHE_RETRY_SECONDS.
REDIS_URL = env_str("REDIS_URL")
CACHE_TIMEOUT_MS = env_int("CACHE_TIMEOUT_MS", 250)
CACHE_RETRY_SECONDS = env_int("CACHE_RETRY_SECONDS", 5)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "common.cache_backends.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "alwaght"),
            "TIMEOUT": 300,
            "OPTIONS": {
                "socket_connect_timeout": CACHE_TIMEOUT_MS / 1000,
                "socket_timeout": CACHE_TIMEOUT_MS / 1000,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "alwaght",
            "TIMEOUT": 300,
        }
    }

# Logins (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one account, or from one
# address (whatever the accounts), logging in is refused for LOGIN_LOCKOUT_MINUTES, even with
# the right password. A superuser unlocks earlier in admin (Axes → Access attempts: delete).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The one definition of the client's address, which knows our proxies (CLIENT_IP_HEADER); an
# IPv6 address counts as its /64, as in every limit of the site.
AXES_CLIENT_IP_CALLABLE = "common.client_address.client_ip_for_limits"
AXES_LOCKOUT_CALLABLE = "alwaght.views.login_locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner on every manage.py command; lockouts are still logged

# Staff passwords: long, not built from the user's own names (forwards or backwards), not one
# of the 20,000 most common, not all digits.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "common.passwords.ContainsUserAttributeValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The editions (common/editions.py): English at /, Arabic at /ar/, Persian at /fa/.
LANGUAGES = [("en", "English"), ("ar", "العربية"), ("fa", "فارسی")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates are written by named formats (DATE_FORMAT, SHORT_DATE_FORMAT…), one file per language.
FORMAT_MODULE_PATH = ["alwaght.formats"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
# Local runs serve uploads from Django; in production the reverse proxy (or S3) does.
SERVE_MEDIA = env_bool("SERVE_MEDIA", not PRODUCTION)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names and pre-compressed copies, served with far-future cache headers.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000

# The job queue: image processing runs outside requests, in `manage.py db_worker` (make run
# starts it). Jobs live in PostgreSQL, the only service the site needs.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Images (common/images.py): upload limits; originals cleaned and renditions made by the job queue.
IMAGE_MAX_UPLOAD_BYTES = env_int("IMAGE_MAX_UPLOAD_MB", 15) * 1024 * 1024
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_MEGAPIXELS", 50) * 1_000_000
VIDEO_MAX_UPLOAD_BYTES = env_int("VIDEO_MAX_UPLOAD_MB", 200) * 1024 * 1024
IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGEKIT_CACHEFILE_NAMER = "imagekit.cachefiles.namers.source_name_dot_hash"
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_SPEC_CACHEFILE_NAMER = IMAGEKIT_CACHEFILE_NAMER

# HTTPS hardening: on in production, each switch overridable.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", PRODUCTION)
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto.
if env_bool("TRUST_X_FORWARDED_PROTO", PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Public pages load nothing from other hosts; the browser enforces it.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; "
    "script-src 'self'; font-src 'self'; connect-src 'self'; "
    # Film embeds, loaded only when a reader presses Play (gallery/embeds.py).
    "frame-src https://www.youtube-nocookie.com https://player.vimeo.com https://www.aparat.com; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# Behind a reverse proxy, the header that carries the client's address (e.g. X-Forwarded-For).
# Leave empty when Django faces clients directly: the header could then be forged.
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER")
# How many proxies of ours append to that header (Varnish alone: 1; a TLS terminator and then
# Varnish: 2). The reader is the address that many places from the right; anything further
# left came from the client and can be forged.
CLIENT_IP_PROXY_COUNT = max(1, env_int("CLIENT_IP_PROXY_COUNT", 1))

# Reader comments (comments/).
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 30)
COMMENTS_RATE_LIMIT = env_int("COMMENTS_RATE_LIMIT", 5)
COMMENTS_RATE_WINDOW_SECONDS = env_int("COMMENTS_RATE_WINDOW_SECONDS", 600)
COMMENTS_MAX_LINKS = env_int("COMMENTS_MAX_LINKS", 2)
COMMENTS_MIN_SECONDS = env_int("COMMENTS_MIN_SECONDS", 3)
# A comment form's token is issued when the reader starts writing and used once, within this.
COMMENTS_TOKEN_MAX_AGE_SECONDS = env_int("COMMENTS_TOKEN_MAX_AGE_SECONDS", 2 * 3600)
COMMENTS_KEEP_PERSONAL_DATA_DAYS = env_int("COMMENTS_KEEP_PERSONAL_DATA_DAYS", 90)
COMMENTS_MODERATOR_EMAILS = env_list("COMMENTS_MODERATOR_EMAILS", [])
# Content that readers may comment on, as app_label.model.
COMMENTS_TARGETS = ["articles.article", "gallery.album", "gallery.film"]

# Reader pages: the site's own page cache (alwaght/page_cache.py) and what edges may keep.
# How long the site keeps a rendered page fresh for anonymous readers; 0 turns its cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
# How long the site keeps a page past its freshness, to serve it while the database is away.
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", 3600)
# Further path prefixes the page cache leaves alone (the benchmark's floor view, for one).
PAGE_CACHE_EXCLUDED_PATHS = env_list("PAGE_CACHE_EXCLUDED_PATHS", [])
# How often each process reads new purges: a change reaches every worker within this.
PURGE_POLL_SECONDS = env_int("PURGE_POLL_SECONDS", 1)
# Cache-Control of reader pages: edges (s-maxage) keep them long, since every change is purged
# by surrogate key; browsers (max-age) briefly; both never past the next scheduled change.
EDGE_MAX_AGE_SECONDS = env_int("EDGE_MAX_AGE_SECONDS", 3600)
BROWSER_MAX_AGE_SECONDS = env_int("BROWSER_MAX_AGE_SECONDS", 60)
STALE_WHILE_REVALIDATE_SECONDS = env_int("STALE_WHILE_REVALIDATE_SECONDS", 60)
STALE_IF_ERROR_SECONDS = env_int("STALE_IF_ERROR_SECONDS", 86400)
# Where purges go: each edge's address, e.g. http://127.0.0.1:8080/ (Varnish with xkey).
EDGE_PURGE_URLS = env_list("EDGE_PURGE_URLS", [])
EDGE_PURGE_TIMEOUT_SECONDS = env_int("EDGE_PURGE_TIMEOUT_SECONDS", 2)

# View counting and Most Viewed (articles/view_counting.py, articles/ranking.py).
VIEWS_REPEAT_WINDOW_SECONDS = env_int("VIEWS_REPEAT_WINDOW_SECONDS", 30 * 60)
VIEWS_RATE_LIMIT_PER_MINUTE = env_int("VIEWS_RATE_LIMIT_PER_MINUTE", 30)
# Readers of one article counted from one address (an IPv6 /64) per repeat window, whatever
# browser strings they send: a household or an office, not a script rotating its user agent.
VIEWS_READERS_PER_ADDRESS = env_int("VIEWS_READERS_PER_ADDRESS", 3)
# Each worker writes the views it noted this often (0: during the request itself).
VIEWS_FLUSH_SECONDS = env_int("VIEWS_FLUSH_SECONDS", 1)
# Complete days older than this many days move from hourly to daily buckets.
VIEWS_HOURLY_DAYS = env_int("VIEWS_HOURLY_DAYS", 2)
# Daily buckets older than this fold into one all-time total per article.
VIEWS_HISTORY_DAYS = env_int("VIEWS_HISTORY_DAYS", 400)
RANKINGS_REFRESH_SECONDS = env_int("RANKINGS_REFRESH_SECONDS", 60)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
    },
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "plain"},
    },
    "root": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Lockouts and failures are warnings; every successful login would be an info line.
        "axes": {"level": "WARNING"},
    },
}
