"""Who may open which page.

Pages for a role: anonymous visitors are sent to the login page, logged-in users without the
role get 403. Per-object helpers live in each app's access.py and answer 404 where the user may
not know the object exists, and 403 where they may see it but not do what they asked:

    def get_invoice_for(user, pk):
        invoice = Invoice.objects.filter(pk=pk).first()
        if invoice is None:
            raise Http404
        if not (user.is_secretariat or invoice.municipality_id == user.municipality_id):
            raise refuse(invoice)               # 404: the user may not know it exists
        ...
            raise refuse(invoice, status=403)  # 403: may see it, may not change it

Every 403 and every refuse() is written to the audit log by the error handlers
(common.views.permission_denied, page_not_found), which have the request at hand.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from .audit import describe


class ObjectHidden(Http404):
    """A 404 for an object that exists but that the user may not know of."""

    def __init__(self, description):
        super().__init__(description)
        self.description = description


class ObjectRefused(PermissionDenied):
    """A 403 for an object the user may see but not act on."""

    def __init__(self, description):
        super().__init__(description)
        self.description = description


def refuse(obj, *, status=404):
    """The exception a per-object access helper raises when the user may not have obj (a model
    instance or a description); the error handler records it in the audit log."""
    refusal = {404: ObjectHidden, 403: ObjectRefused}[status]
    return refusal(describe(obj))


def get_for_secretariat(user, queryset, **lookup):
    """An object only the secretariat works with (its views are behind secretariat_required):
    404 when there is none, and refused (recorded) to anyone else. `queryset` may be a model."""
    if not hasattr(queryset, "filter"):
        queryset = queryset._default_manager.all()
    try:
        obj = queryset.filter(**lookup).first()
    except (ValueError, ValidationError):  # a key that is not a number, from a form
        raise Http404 from None
    if obj is None:
        raise Http404
    if not (user.is_authenticated and user.is_secretariat):
        raise refuse(obj)
    return obj


def role_required(*roles):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if user.role not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def login_required(view):
    return role_required("secretariat", "representative", "finance_officer")(view)


def secretariat_required(view):
    return role_required("secretariat")(view)
