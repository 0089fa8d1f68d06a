from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SecretariatAdminSite(admin.AdminSite):
    """The admin belongs to the secretariat: the role, not the is_staff flag, lets people in.

    It has no login page of its own: people sign in through the site's (settings.LOGIN_URL),
    with its rate limits, providers and second factor, and are sent back here.
    """

    site_header = _("Helsefellesskap – administration")
    site_title = _("Helsefellesskap")
    index_title = _("Registers")

    def has_permission(self, request):
        user = request.user
        return user.is_active and getattr(user, "is_secretariat", False)

    def login(self, request, extra_context=None):
        if self.has_permission(request):
            return redirect("admin:index")
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"),
                                 settings.LOGIN_URL)
