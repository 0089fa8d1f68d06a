from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class SecretariatAdminSite(admin.AdminSite):
    """The admin belongs to the secretariat: the role, not the is_staff flag, lets people in."""

    site_header = _("Helsefellesskap – administration")
    site_title = _("Helsefellesskap")
    index_title = _("Registers")
    # login_form is set by the app that owns users and logins (members/admin.py).

    def has_permission(self, request):
        user = request.user
        return user.is_active and getattr(user, "is_secretariat", False)
