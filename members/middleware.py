"""The second factor is required of the secretariat (and so of the admin, which is theirs)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

# Where someone who still has to set up the second factor may go: setting it up (and the
# recovery codes that follow), confirming their password for it, and leaving.
ENROLMENT_URL_NAMES = {
    "mfa_activate_totp", "mfa_view_recovery_codes", "mfa_download_recovery_codes",
    "mfa_generate_recovery_codes", "mfa_index", "account_reauthenticate", "account_logout",
    "set_language",
}


class SecondFactorRequiredMiddleware:
    """Sends a signed-in user who must have a second factor and has none to set it up, from
    any page: no page of theirs opens before (allauth then asks for it at every login)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (user.is_authenticated and user.must_use_second_factor
                and not has_second_factor(user) and not may_enrol_at(request.path_info)):
            messages.info(request, _("Set up two-step verification to continue."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def has_second_factor(user):
    known = getattr(user, "has_second_factor", None)  # read with the user (members.backends)
    if known is not None:
        return known
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def may_enrol_at(path):
    try:
        return resolve(path).url_name in ENROLMENT_URL_NAMES
    except Resolver404:
        return False
