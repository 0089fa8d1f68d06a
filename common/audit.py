"""The audit log: who logged in, failed to, was locked out or refused, issued invoices or
published minutes. Entries are added with record() and never changed (see AuditEvent).

    from common import audit
    audit.record(audit.Action.INVOICE_ISSUED, actor=acting_user, obj=invoice, amount=total)

Call it inside the transaction of the state change it describes, so that an entry exists
exactly when the change does.
"""

import ipaddress

from django.conf import settings
from django.db import models
from django.utils import translation

from .models import AuditEvent

Action = AuditEvent.Action

DESCRIPTION_LENGTH = AuditEvent._meta.get_field("object_description").max_length


def record(action, *, actor=None, request=None, obj=None, **details):
    """Add an entry. The actor defaults to the request's user; obj is a model instance or a
    description; details must be JSON-serialisable (dates and decimals are)."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_email=actor.email if actor is not None else "",
        object_description=describe(obj),
        ip_address=client_ip(request) if request is not None else None,
        details=details,
    )


def describe(obj):
    """«organisasjon 12: Rana»: always in the site's language, whatever the user's was, so that
    the log reads the same throughout."""
    if obj is None:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(obj, models.Model):
            text = f"{obj._meta.verbose_name} {obj.pk}: {obj}"
        else:
            text = str(obj)
    return text[:DESCRIPTION_LENGTH]


def client_ip(request):
    """The client's address. Behind our TLS proxy (SECURE_PROXY_SSL_HEADER set) that is the
    last address the proxy appended to X-Forwarded-For; earlier ones come from the client and
    prove nothing."""
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and forwarded:
        address = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
