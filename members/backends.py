import logging

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)


def user_cache_key(user_id):
    return f"auth:user:{user_id}"


def forget_user(user_id):
    """Drop a user's cached copy: now, and again once the change is committed (a request in
    between could have cached the row as it was)."""
    if not settings.USER_CACHE_SECONDS:
        return
    key = user_cache_key(user_id)

    def delete():
        try:
            cache.delete(key)
        except Exception:  # noqa: BLE001 - the copy expires within USER_CACHE_SECONDS
            logger.error("auth: a changed user stays cached for up to %s s",
                         settings.USER_CACHE_SECONDS, exc_info=True)

    delete()
    transaction.on_commit(delete)


class RoleBackend(ModelBackend):
    """E-mail login, case-insensitive; the secretariat role holds every permission.

    The logged-in user is read through the shared cache (USER_CACHE_SECONDS, only with Redis):
    every page needs it, and a change to the user (deactivation, new password or role) drops
    the copy (members.receivers).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None:
            username = username.strip().lower()
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        seconds = settings.USER_CACHE_SECONDS
        if not seconds:
            return super().get_user(user_id)
        key = user_cache_key(user_id)
        try:
            user = cache.get(key)
        except Exception:  # noqa: BLE001 - the database has the user
            logger.warning("auth: cache unavailable, reading the database", exc_info=True)
            return super().get_user(user_id)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                try:
                    cache.set(key, user, seconds)
                except Exception:  # noqa: BLE001
                    logger.warning("auth: could not cache a user", exc_info=True)
        return user

    def has_perm(self, user_obj, perm, obj=None):
        if user_obj.is_active and getattr(user_obj, "is_secretariat", False):
            return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        if user_obj.is_active and getattr(user_obj, "is_secretariat", False):
            return True
        return super().has_module_perms(user_obj, app_label)
