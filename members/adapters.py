"""How django-allauth signs people in here (README «Sign-in»).

- Nobody signs up: accounts exist because the secretariat created or invited them
  (members.invitations). A provider's sign-in that matches no account gets a clear refusal.
- Failed password logins are limited per client IP and per client IP + address (never per
  address alone, so nobody can lock a named person out from elsewhere); the account holder is
  told by e-mail when their account is locked for an address.
- Mail goes out through common.mail: in the background, recorded, retried.
- The client's address is the one common.audit trusts (behind our TLS proxy, the proxy's).
"""

import logging
import time
import uuid
from functools import wraps

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.core.internal import ratelimit
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from common import audit
from common.links import absolute_url
from common.mail import Recipient, queue_mail

from .models import User

logger = logging.getLogger(__name__)

CACHE_ERRORS = (RedisConnectionError, RedisTimeoutError)

# allauth's e-mails and ours, by allauth's template prefix.
MAIL_TEMPLATES = {
    "account/email/password_reset_key": "members/email/password_reset",
}


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed attempts from your network. Wait a quarter of an hour and try "
            "again, reset your password, or sign in through your organisation."
        ),
    }

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        return audit.client_ip(request) or "unknown"

    def send_mail(self, template_prefix, email, context):
        template = MAIL_TEMPLATES[template_prefix]
        queue_mail(
            topic="account", purpose=f"{template_prefix}:{uuid.uuid4()}",
            recipients=[Recipient(email)], template=template,
            context={**context, "site_url": settings.SITE_URL},
        )

    def get_reset_password_from_key_url(self, key):
        # Links in e-mails start at SITE_URL, not at whatever Host the request named.
        uidb36, token = key.split("-", 1)
        return absolute_url(reverse(
            "account_reset_password_from_key", kwargs={"uidb36": uidb36, "key": token}))

    def pre_authenticate(self, request, **credentials):
        email = (credentials.get("email") or "").strip().lower()
        ip = self.get_client_ip(request)
        # As allauth's own, with the key per client IP and address.
        self._login_failed_rl_usage = ratelimit.consume(
            request, app="allauth.account", action="login_failed", key=f"{ip}|{email}")
        if not self._login_failed_rl_usage:
            audit.record(audit.Action.LOGIN_FAILED, request=request, obj=email,
                         reason="throttled")
            notify_locked_account(request, email, ip)
            raise self.validation_error("too_many_login_attempts")

    def is_reauthentication_required(self, *, app, **kwargs):
        # Right after signing in (within allauth's reauthentication timeout) that sign-in
        # counts as the confirmation, so that enrolling the second factor on first sign-in
        # does not ask for the password twice.
        request = context.request
        records = get_authentication_records(request, request.user) if request else []
        timeout = account_settings.REAUTHENTICATION_TIMEOUT
        if any(time.time() - record.get("at", 0) < timeout for record in records):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def authentication_failed(self, request, **credentials):
        # Django's user_login_failed signal has recorded it already (common.receivers).
        pass


def notify_locked_account(request, email, ip):
    """Tell the holder of `email`, once per lock, that password logins from `ip` are paused."""
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        return
    window = ratelimit_window_seconds()
    if not cache.add(f"members:lock-notice:{user.pk}:{ip}", True, timeout=window):
        return
    audit.record(audit.Action.LOCKOUT, request=request, obj=user,
                 minutes=window // 60, ip=ip)
    queue_mail(
        topic="account", purpose=f"account:locked:{uuid.uuid4()}",
        recipients=[Recipient(user.email, user.name)], template="members/email/login_locked",
        context={"user": user, "ip": ip, "minutes": window // 60,
                 "site_url": settings.SITE_URL},
    )


def ratelimit_window_seconds():
    return int(ratelimit.parse_rate(f"{settings.LOGIN_PER_IP_AND_ADDRESS}/key").duration)


def counted(view):
    """For the views whose rate limit and one-time codes live in the cache: while the cache
    server cannot be reached, refuse with a page saying so, rather than let guesses through
    uncounted or fail with a 500."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except CACHE_ERRORS as exc:
            logger.error("sign-in: the rate-limit counter is unreachable, refused: %s", exc)
            return render(request, "account/unavailable.html", status=503)

    return wrapper


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        audit.record(audit.Action.LOGIN_FAILED, request=request,
                     obj=sociallogin.account.provider, reason="unknown_person",
                     email=sociallogin.user.email or "")
        return False

    def list_apps(self, request, provider=None, client_id=None):
        from .oidc import apps_from_settings

        apps = super().list_apps(request, provider=provider, client_id=client_id)
        return apps + [
            app for app in apps_from_settings()
            if (provider in (None, app.provider, app.provider_id))
            and (client_id in (None, app.client_id))
        ]

    def on_authentication_error(self, request, provider, error=None, exception=None,
                                extra_context=None):
        audit.record(audit.Action.LOGIN_FAILED, request=request, obj=provider.id,
                     reason="provider_error", error=str(error or ""),
                     exception=type(exception).__name__ if exception else "")
