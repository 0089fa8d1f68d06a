"""Cross-cutting request handling: the size of a request body, the Permissions-Policy header,
no caching of what a login shows, and how long a login lasts."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from . import audit

# Browser features no page of ours uses; a page that is ever compromised cannot ask for them.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in [
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
    "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get",
    "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
])


class RequestBodyLimitMiddleware:
    """Refuses a request whose body is larger than MAX_REQUEST_BODY_SIZE (413), before anything
    reads it: Django alone would spool a huge multipart body to the temporary folder before
    the CSRF check could refuse it. Django never reads past the declared length, so the
    declared length is what counts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_BODY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return HttpResponse(_("The request is too large."), status=413,
                                content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class NoStoreForLoginsMiddleware:
    """`Cache-Control: no-store` on every response to a logged-in user.

    What a login shows (draft papers, screened documents, invoices, a name in the header) must
    stay out of a shared computer's browser cache and out of proxies. One rule here rather than
    a decorator on each view, so that a new page cannot forget it. Pages anyone may see keep
    their caching for anonymous visitors; static files are served before this runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


# Session keys, in seconds since the epoch.
STARTED_KEY = "_login_started"
LAST_SEEN_KEY = "_last_seen"
# Last activity is written at most this often, so that reading pages doesn't save the session
# on every request; the idle timeout is that much less exact.
LAST_SEEN_RESOLUTION = 60


class SessionTimeoutMiddleware:
    """Ends a login after SESSION_IDLE_TIMEOUT seconds without a request, and SESSION_COOKIE_AGE
    seconds after it began however busy it was.

    Django alone renews the session's expiry whenever the session is saved, so the absolute
    limit needs the start time kept in the session. The request then goes on as anonymous: a
    page that needs a login sends the user to the login page, with a message saying why.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    @staticmethod
    def login_started(request):
        """Called on every login (common.receivers): the lifetime counts from here."""
        request.session[STARTED_KEY] = request.session[LAST_SEEN_KEY] = int(time.time())

    def check(self, request):
        session = request.session
        now = int(time.time())
        started = session.setdefault(STARTED_KEY, now)  # logins from before this middleware
        last_seen = session.get(LAST_SEEN_KEY, now)
        if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
            self.end(request, "idle", _(
                "You were logged out after %(minutes)s minutes without activity. Log in again."
            ) % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60})
        elif now - started > settings.SESSION_COOKIE_AGE:
            self.end(request, "lifetime", _(
                "You were logged out because a login lasts at most %(hours)s hours. Log in again."
            ) % {"hours": settings.SESSION_COOKIE_AGE // 3600})
        elif now - last_seen >= LAST_SEEN_RESOLUTION or LAST_SEEN_KEY not in session:
            session[LAST_SEEN_KEY] = now

    def end(self, request, reason, message):
        audit.record(audit.Action.SESSION_EXPIRED, request=request, reason=reason)
        # What django.contrib.auth.logout does, without its signal: this is no logout by the
        # user, and the audit log says so above.
        request.session.flush()
        request.user = AnonymousUser()
        messages.info(request, message)
