"""Logins and logouts into the audit log, and the start of a login's lifetime, through
Django's own authentication signals (they also cover the admin's login page)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import audit
from .middleware import SessionTimeoutMiddleware

# Where allauth keeps the steps of this login (password, a provider, the second factor).
AUTHENTICATION_STEPS_KEY = "account_authentication_methods"


@receiver(user_logged_in, dispatch_uid="audit_login")
def logged_in(sender, request, user, **kwargs):
    SessionTimeoutMiddleware.login_started(request)
    steps = [
        ":".join(str(step[key]) for key in ("method", "provider", "type") if step.get(key))
        for step in request.session.get(AUTHENTICATION_STEPS_KEY, [])
    ]
    audit.record(audit.Action.LOGIN, actor=user, request=request,
                 **({"steps": steps} if steps else {}))


@receiver(user_logged_out, dispatch_uid="audit_logout")
def logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record(audit.Action.LOGOUT, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    # The password is never recorded; Django has already masked it in credentials.
    login = credentials.get("email") or credentials.get("username") or ""
    audit.record(audit.Action.LOGIN_FAILED, request=request, obj=login)
