"""A page cache for the pages people reload most: each visitor's own copy of a rendered page,
kept until anything in the database changes or PAGE_CACHE_SECONDS pass.

Correctness comes first. A cached page belongs to one login (session) and one CSRF secret,
so it holds nothing another person may not see and its forms' CSRF tokens stay valid. Every
change through the ORM (save, delete, many-to-many), every POST and every finished background
task starts a new *generation*, and a page from an older generation is never served. What
bypasses those signals (bulk updates in management commands) and what depends only on the
clock (countdowns, "deemed approved") shows within PAGE_CACHE_SECONDS.

It needs a cache that all web and worker processes share (Redis): with the per-process
default the setting is 0 and the cache is off. When the cache server is down, pages are
rendered as if there were no cache.
"""

import hashlib
import logging
import secrets
from functools import wraps

from celery.signals import task_postrun
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Saving a session (a login, or the last-seen time of a reader) changes no page's content.
UNTRACKED_APPS = {"sessions"}


def new_generation():
    """From now on no page cached before is served."""
    if not settings.PAGE_CACHE_SECONDS:
        return
    try:
        cache.set(GENERATION_KEY, secrets.token_hex(8), None)
    except Exception:  # noqa: BLE001 - a cache server that is down must not stop a save
        logger.warning("page cache: could not start a new generation", exc_info=True)


def _data_changed(sender, **kwargs):
    # After the commit: a page rendered before it, from the old rows, must not be kept under
    # the new generation.
    if sender._meta.app_label not in UNTRACKED_APPS:
        transaction.on_commit(new_generation)


def _task_finished(**kwargs):
    new_generation()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_data_changed, dispatch_uid=f"pagecache_{id(signal)}")
    task_postrun.connect(_task_finished, dispatch_uid="pagecache_task")


class UnsafeRequestMiddleware:
    """Starts a new generation after every request that may change data (POST and the like),
    whatever it changed and however."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            new_generation()
        return response


def _csrf_secret(request):
    return request.META.get("CSRF_COOKIE", "")


def _key(request):
    """The cache key of this page for this visitor (a login has a session key)."""
    parts = [request.session.session_key or "", _csrf_secret(request), request.LANGUAGE_CODE,
             request.get_full_path()]
    return "pagecache:" + hashlib.sha256("\0".join(parts).encode()).hexdigest()


def cached_page(view):
    """Serve this GET view's page from the cache while the data it shows is unchanged.

    Put it closest to the view, under the access decorators, so that access is checked on
    every request.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PAGE_CACHE_SECONDS
        # A page with a message waiting must be rendered: the message is shown once.
        if not seconds or request.method != "GET" or len(messages.get_messages(request)):
            return view(request, *args, **kwargs)
        key = _key(request)
        try:
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY)
            if generation is None:  # the first page since the cache server started
                cache.add(GENERATION_KEY, secrets.token_hex(8), None)
                generation = cache.get(GENERATION_KEY)
        except Exception:  # noqa: BLE001 - render without the cache while it is down
            logger.warning("page cache: cache server unavailable", exc_info=True)
            return view(request, *args, **kwargs)
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            return HttpResponse(entry[2], content_type=entry[1])
        csrf_secret = _csrf_secret(request)
        response = view(request, *args, **kwargs)
        if _storable(request, response, csrf_secret):
            _store(key, generation, response, seconds)
        return response

    return wrapper


def _storable(request, response, csrf_secret):
    # When the page made a new CSRF secret (the visitor had none), its tokens belong to that
    # secret, not to the one the key was made from.
    return (response.status_code == 200 and not response.streaming
            and _csrf_secret(request) == csrf_secret
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies)


def _store(key, generation, response, seconds):
    try:
        cache.set(key, (generation, response["Content-Type"], response.content), seconds)
    except Exception:  # noqa: BLE001 - the page is served anyway
        logger.warning("page cache: could not store a page", exc_info=True)
