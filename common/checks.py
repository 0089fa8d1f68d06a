"""Checks of the settings: what production must set, and the broker and cache kept apart."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


def missing_settings_message():
    """What is missing, as the message to show, or None."""
    if settings.DEBUG:
        return None
    missing = []
    try:
        settings.SECRET_KEY  # noqa: B018 - Django refuses to hand out an empty key
    except ImproperlyConfigured:
        missing.append("SECRET_KEY")
    if not settings.ALLOWED_HOSTS:
        missing.append("ALLOWED_HOSTS")
    if not settings.SITE_URL:
        missing.append("SITE_URL")
    if not missing:
        return None
    return (f"{', '.join(missing)} must be set when DEBUG is off. Set them in the "
            "environment (see README, 'Production'), or set DEBUG=1 for a development server.")


def require_production_settings():
    """Called as the web and worker processes start: they must not run without them."""
    message = missing_settings_message()
    if message:
        raise ImproperlyConfigured(message)


# A deployment check (manage.py check --deploy): commands that need neither setting, such as
# makemigrations, run their ordinary checks without them.
@register(deploy=True)
def production_settings(app_configs, **kwargs):
    message = missing_settings_message()
    return [Error(message, id="common.E001")] if message else []


@register()
def broker_and_cache_apart(app_configs, **kwargs):
    """Clearing the cache empties its whole Redis database: the broker's queues must not be
    in it (README, Configuration)."""
    broker = settings.CELERY_BROKER_URL
    cache = settings.CACHES["default"]
    if not broker.startswith("redis") or "RedisCache" not in cache["BACKEND"]:
        return []
    if _redis_database(broker) == _redis_database(cache["LOCATION"]):
        return [Error("The Celery broker and the cache use the same Redis database.",
                      hint="Set CACHE_URL (or CELERY_BROKER_URL) to another database number.",
                      id="common.E002")]
    return []


def _redis_database(url):
    parts = urlsplit(url)
    return (parts.hostname, parts.port or 6379, parts.path.strip("/") or "0")
