"""Logins and logouts into the audit log, and the start of a login's lifetime, through
Django's own authentication signals (they also cover the admin's login page)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import audit
from .middleware import SessionTimeoutMiddleware


@receiver(user_logged_in, dispatch_uid="audit_login")
def logged_in(sender, request, user, **kwargs):
    SessionTimeoutMiddleware.login_started(request)
    audit.record(audit.Action.LOGIN, actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record(audit.Action.LOGOUT, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    # The password is never recorded; Django has already masked it in credentials.
    audit.record(audit.Action.LOGIN_FAILED, request=request, obj=credentials.get("username", ""))
