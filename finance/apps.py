from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = _("Finance")

    def ready(self):
        # Register the PDF, the start panels and the population import's report.
        from . import documents, population, start_panels  # noqa: F401
