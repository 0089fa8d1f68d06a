"""Settings, read from the environment.

With nothing set the app runs on SQLite with Celery tasks executed in-process (the embedded
default). DATABASE_URL switches to PostgreSQL, REDIS_URL to a real broker and cache.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import (
    database_from_url,
    env,
    env_bool,
    env_int,
    env_json,
    env_list,
    redis_database,
    redis_database_number,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
# The address people reach the app at, for links in e-mails and calendars (no trailing slash).
SITE_URL = env("SITE_URL", "").rstrip("/")
# Without DEBUG these must come from the environment: the system check common.E001 and the web
# and worker processes refuse to start without them (common/checks.py). Commands that need
# neither, such as makemigrations, still run.
if DEBUG:
    SECRET_KEY = SECRET_KEY or "development-only-not-secret"  # noqa: S105
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]
    SITE_URL = SITE_URL or "http://127.0.0.1:8000"

INSTALLED_APPS = [
    "common.apps.SecretariatAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",  # registers django-csp's system checks of the policy settings
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "common",
    "members",
    "meetings",
    "agreements",
    "finance",
    "benchmark",
]

MIDDLEWARE = [
    "common.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "common.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "common.middleware.NoStoreForLoginsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "common.middleware.SessionTimeoutMiddleware",
    "members.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "common.periodic.EmbeddedBeatMiddleware",
]

ROOT_URLCONF = "helsefellesskap.urls"
# The benchmark's reference page (benchmark.views), for make bench only.
BENCHMARK_REFERENCE_PAGE = env_bool("BENCHMARK_REFERENCE_PAGE", False)
WSGI_APPLICATION = "helsefellesskap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "members.context_processors.partnership",
                "common.context_processors.navigation",
            ],
            "builtins": ["common.templatetags.formatting"],
        },
    }
]

# Database: SQLite unless DATABASE_URL names a PostgreSQL server.
if env("DATABASE_URL"):
    DATABASES = {"default": database_from_url(env("DATABASE_URL"))}
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A statement run twice on a connection is prepared there: the server parses it once
    # and, once its general plan proves as good as planning each time, plans it once too.
    # With persistent connections (CONN_MAX_AGE) most of a page's database time was planning
    # its joins. DATABASE_PREPARED=0 behind a pooler in transaction mode that cannot keep
    # them (PgBouncer before 1.21, or without max_prepared_statements).
    if env_bool("DATABASE_PREPARED", True):
        DATABASES["default"]["OPTIONS"].setdefault("server_side_binding", True)
        DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 2)
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work and cache: a real broker when REDIS_URL is set, in-process otherwise.
# Broker and cache live in two databases of that Redis: the broker in REDIS_URL's own, the
# cache (rate-limit counters, the login-pause notices) in the next one, so that clearing the cache
# (FLUSHDB) never drops queued tasks. CELERY_BROKER_URL and CACHE_URL override either.
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL) or "memory://"
CACHE_URL = env("CACHE_URL") or (
    redis_database(REDIS_URL, redis_database_number(REDIS_URL) + 1) if REDIS_URL else "")
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Oslo"
# Publishing must not hang a request when Redis is down: give up after about 2 s in all, the
# work stays in the database and the beat task below publishes it again (common.dispatch).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0,
                                    "interval_step": 0.2, "interval_max": 0.5}
# Beat must run in production: it re-sends work queued while the broker was unreachable.
CELERY_BEAT_SCHEDULE = {
    "redispatch-queued": {"task": "common.tasks.redispatch_queued", "schedule": 60.0},
    # R-SSU-10: minutes without objection are deemed approved 96 hours after they were sent.
    "deem-minutes-approved": {"task": "meetings.tasks.deem_minutes_approved",
                              "schedule": 15 * 60},
    # EHF documents made and not yet handed over, and failed hand-overs due for a retry.
    "hand-over-ehf": {"task": "finance.tasks.hand_over_due", "schedule": 5 * 60},
}
# Without a broker there is no beat either: the web process runs the schedule itself
# (common.periodic), so that `make run` deems minutes approved and retries e-mail on its own.
EMBEDDED_BEAT = env_bool("EMBEDDED_BEAT", not REDIS_URL)
# The sending channel for EHF invoices: a folder that the host municipality's access point or
# accounting system picks files up from. Unset, documents are made and downloaded only.
EHF_OUTBOX_DIR = env("EHF_OUTBOX_DIR")
if CACHE_URL:
    # Short timeouts: a cache server that is down costs a page a second, not a hang.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": CACHE_URL,
                          "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions live in the database alone (Django's default engine): one query by primary key.
# Django's cached_db engine would save little and fails every request while Redis is down.

# Users, passwords and sign-in (django-allauth: README «Sign-in»)
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = ["members.backends.RoleBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "start"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "members.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
# The session cookie lasts SESSION_COOKIE_AGE, as before (common.middleware ends it sooner).
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_PREVENT_ENUMERATION = True
# A reset asked for an unknown address sends nothing: same answer, and no mail to strangers.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# The one lock-out and rate limit (allauth's): an attempt is counted before the password is
# checked, under a lock in the shared cache, so parallel guesses cannot slip past the count.
# Per client IP, any account: LOGIN_PER_IP; per client IP and account (the «key», made in
# members.adapters): LOGIN_PER_IP_AND_ADDRESS. No limit per address alone, so that nobody can
# lock a named person out from elsewhere. Password resets: per IP and per address.
LOGIN_PER_IP = env("LOGIN_PER_IP", "20/m")
LOGIN_PER_IP_AND_ADDRESS = env("LOGIN_PER_IP_AND_ADDRESS", "5/15m")
ACCOUNT_RATE_LIMITS = {
    "login_failed": f"{LOGIN_PER_IP}/ip,{LOGIN_PER_IP_AND_ADDRESS}/key",
    "reset_password": env("PASSWORD_RESET_RATE", "10/h/ip,3/h/key"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", "Helsefellesskap")
MFA_RECOVERY_CODE_COUNT = 10
# Addresses are set by the secretariat and proved by the invitation link; allauth's own
# e-mail verification is not used, so its rows never say «verified».
MFA_ALLOW_UNVERIFIED_EMAIL = True
# OpenID Connect providers (Entra ID per tenant, ID-porten, ...) as a JSON list, see README and
# members.oidc (which turns them into allauth apps). The first sign-in links the account with
# the same verified e-mail address; later ones match on the provider's subject.
OIDC_PROVIDERS = env_json("OIDC_PROVIDERS", [])
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "provider_class": "members.oidc.StrictOpenIDConnectProvider",
        "OAUTH_PKCE_ENABLED": True,
    }
}

# Language, time and numbers
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Oslo"
USE_TZ = True
FORMAT_MODULE_PATH = ["helsefellesskap.formats"]

# Files
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
                    if not DEBUG else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 10
MAX_UPLOAD_SIZE = env_int("MAX_UPLOAD_SIZE", 25 * 1024 * 1024)
# No request body may be larger than the largest upload and its form: a bigger one is refused
# before it is read (common.middleware.RequestBodyLimitMiddleware). The reverse proxy in
# docker-compose.yml has the same limit (client_max_body_size), so it never reaches a worker.
MAX_REQUEST_BODY_SIZE = MAX_UPLOAD_SIZE + 1024 * 1024

# E-mail
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "helsefellesskap@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Security. Production runs behind TLS; DEBUG is for a developer's own machine.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A login lasts at most SESSION_COOKIE_AGE from the moment it began and ends after
# SESSION_IDLE_TIMEOUT without a request (common.middleware.SessionTimeoutMiddleware).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 60 * 60)
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 2 * 60 * 60)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "common.views.csrf_failure"
# Only our own files, no inline script or style: templates use neither (tests/common checks
# them). Bootstrap's navbar icon is a data: image. Permissions-Policy: common.middleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers and monitors probe the health check over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix binds a cookie to this exact host over TLS.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-language"
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_HTTPONLY = True
    LANGUAGE_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # WeasyPrint tells every step of every PDF at INFO, and tasks run in-process (no broker)
    # tell each success: hundreds of lines a demo load, which push make run's logins off the
    # screen. Their warnings and errors (a missing image, a failed task) still show; a worker
    # started with its own log level keeps telling its tasks.
    "loggers": {
        name: {"level": "WARNING"}
        for name in ("weasyprint", "fontTools", *(() if REDIS_URL else ("celery.app.trace",)))
    },
}
