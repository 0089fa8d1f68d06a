"""Settings of a worker process that a fault test starts: the test settings, sending through
the test's SMTP server (EMAIL_HOST, EMAIL_PORT from the environment)."""

from tests.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_USE_TLS = False
EMAIL_TIMEOUT = 30
CELERY_TASK_ALWAYS_EAGER = False
