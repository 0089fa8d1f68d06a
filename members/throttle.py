"""Slowing down and locking out password guessing, per e-mail address.

From the LOGIN_SLOWDOWN_AFTER-th failure on, each further try must wait twice as long as the
previous one (2 s, 4 s, 8 s …); after LOGIN_LOCK_AFTER failures the address is locked for
LOGIN_LOCK_MINUTES. A successful login clears the count.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F

from .models import LoginThrottle


def retry_after(email, now):
    """The moment a login for this address may be tried again, or None when it may be now."""
    throttle = LoginThrottle.objects.filter(email=email.strip().lower()).first()
    if throttle is None:
        return None
    if throttle.locked_until and throttle.locked_until > now:
        return throttle.locked_until
    excess = throttle.failures - settings.LOGIN_SLOWDOWN_AFTER
    if excess >= 0 and throttle.last_failure:
        wait_until = throttle.last_failure + datetime.timedelta(seconds=2 ** (excess + 1))
        if wait_until > now:
            return wait_until
    return None


def record_failure(email, now):
    """Count a failed login; returns True when this failure locked the address."""
    email = email.strip().lower()
    with transaction.atomic():
        LoginThrottle.objects.get_or_create(email=email)
        LoginThrottle.objects.filter(email=email).update(
            failures=F("failures") + 1, last_failure=now
        )
        throttle = LoginThrottle.objects.select_for_update().get(email=email)
        if throttle.failures >= settings.LOGIN_LOCK_AFTER:
            throttle.locked_until = now + datetime.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
            throttle.failures = 0
            throttle.save(update_fields=["locked_until", "failures"])
            return True
    return False


def record_success(email):
    LoginThrottle.objects.filter(email=email.strip().lower()).delete()
