"""Small readers for settings that come from the environment."""

import json
import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def env_list(name, default=()):
    value = os.environ.get(name, "")
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_json(name, default):
    value = os.environ.get(name, "")
    if not value.strip():
        return default
    try:
        return json.loads(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be JSON: {exc}") from exc


def database_from_url(url):
    """DATABASES["default"] from postgres://user:password@host:port/name?option=value.

    A host given as ?host=/var/run/postgresql (or an empty host) means the local socket.
    """
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with postgres:// or postgresql://, not {parts.scheme}://."
        )
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    host = options.pop("host", None) or unquote(parts.hostname or "")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
    }


def redis_database(url, number):
    """The same Redis server as `url`, database `number` (redis://host:6379/0 -> …/1)."""
    parts = urlsplit(url)
    return parts._replace(path=f"/{number}").geturl()


def redis_database_number(url):
    path = urlsplit(url).path.strip("/")
    try:
        return int(path) if path else 0
    except ValueError as exc:
        raise ImproperlyConfigured(f"{url!r} does not name a Redis database number.") from exc
