from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    default = True
    name = "common"
    verbose_name = _("Common")

    def ready(self):
        from . import checks, history, receivers  # noqa: F401  (checks, change log, audit log)


class SecretariatAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "common.admin_site.SecretariatAdminSite"
