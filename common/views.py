import logging
import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from . import audit
from .access import ObjectHidden, secretariat_required
from .caching import no_store
from .documents import status_from_token
from .models import AuditEvent

logger = logging.getLogger(__name__)

AUDIT_PAGE_SIZE = 50


def csrf_failure(request, reason=""):
    return render(
        request, "403.html",
        {"message": _("The form had expired or came from somewhere else. Go back, reload the "
                      "page and try again.")},
        status=403,
    )


def permission_denied(request, exception=None):
    """Every refusal is recorded: a role page or an object (common.access.refuse)."""
    description = getattr(exception, "description", "")
    audit.record(audit.Action.ACCESS_REFUSED, request=request, obj=description,
                 path=request.path, status=403)
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    """Only objects hidden from the user are recorded, not pages that do not exist. (With
    DEBUG on, Django shows its own 404 page instead and nothing is recorded.)"""
    if isinstance(exception, ObjectHidden):
        audit.record(audit.Action.ACCESS_REFUSED, request=request, obj=exception.description,
                     path=request.path, status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def robots_txt(request):
    """Crawlers may read the public pages; nothing behind a login is worth indexing."""
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /konto/", "Disallow: /start/", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Action"), required=False,
        choices=[("", gettext_lazy("All actions")), *AuditEvent.Action.choices],
    )


@no_store
def pdf_status(request, token):
    """A stored PDF's status, for the page that shows it to update itself while the PDF is
    being made (static/js/pdf-status.js)."""
    stored, download_url = status_from_token(token)
    return render(request, "common/_pdf_status_state.html",
                  {"stored": stored, "download_url": download_url})


@secretariat_required
def audit_log(request):
    form = AuditFilterForm(request.GET)
    events = AuditEvent.objects.all()
    if form.is_valid() and form.cleaned_data["action"]:
        events = events.filter(action=form.cleaned_data["action"])
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "common/audit_log.html",
                  {"form": form, "page": page, "query": query.urlencode()})


@never_cache
def healthz(request):
    """Database, broker and storage status for monitoring: 200 when all work, 503 otherwise.

    Only the words ok / in-process / error come out; the reasons go to the server log.
    """
    status = {"database": _check(_database), "broker": _check(_broker),
              "storage": _check(_storage)}
    healthy = "error" not in status.values()
    return JsonResponse(status, status=200 if healthy else 503)


def _check(probe):
    try:
        return probe() or "ok"
    except Exception:  # noqa: BLE001 - whatever breaks, the check reports it and logs why
        logger.warning("Health check %s failed", probe.__name__, exc_info=True)
        return "error"


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _broker():
    if not settings.REDIS_URL:
        return "in-process"
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2,
                                  socket_timeout=2)
    try:
        client.ping()
    finally:
        client.close()


def _storage():
    """Uploaded and generated files go to MEDIA_ROOT: a file can be made there."""
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=root) as probe:
        probe.write(b"ok")
