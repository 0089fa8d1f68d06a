"""The production settings, with what tests need: a known key, fast hashing, local mail.

DATABASE_URL is honoured, so the same suite runs on SQLite (make test) and PostgreSQL (CI).
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SITE_URL", "https://hf.example")

from helsefellesskap.settings import *  # noqa: E402,F403

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # In a file, not in memory: the live server's request threads then have a connection
    # each, as the app has on SQLite, instead of sharing the test's (parallel requests broke
    # its transactions). One file per run (and per xdist worker, which pytest-django adds).
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / (  # noqa: F405
        f"helsefellesskap-test-{os.environ.get('HELSEFELLESSKAP_TEST_RUN', os.getpid())}"
        ".sqlite3"))}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
# Unit tests run tasks in-process; integration tests start a real worker themselves.
CELERY_TASK_ALWAYS_EAGER = True
# Tests run periodic work themselves (tests/common/test_periodic.py starts the thread).
EMBEDDED_BEAT = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", "/tmp/helsefellesskap-test-media"))  # noqa: F405,S108
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TEMPLATES[0]["DIRS"].append(BASE_DIR / "tests" / "templates")  # noqa: F405
# Static files come from the finders in tests; there is no collectstatic output to scan.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
