"""Who may open which page.

Pages for a role: anonymous visitors are sent to the login page, logged-in users without the
role get 403. Per-object helpers live in each app's access.py and answer 404 where the user may
not know the object exists.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


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
