from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _

from members.forms import EmailAuthenticationForm


class AdminLoginForm(EmailAuthenticationForm, AdminAuthenticationForm):
    """The admin's login is throttled and audited like the site's own."""


class SecretariatAdminSite(admin.AdminSite):
    """The admin belongs to the secretariat: the role, not the is_staff flag, lets people in."""

    site_header = _("Helsefellesskap – administration")
    site_title = _("Helsefellesskap")
    index_title = _("Registers")
    login_form = AdminLoginForm

    def has_permission(self, request):
        user = request.user
        return user.is_active and getattr(user, "is_secretariat", False)
