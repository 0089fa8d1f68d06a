from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        # Registers the stored PDFs and the start-page panels.
        from . import documents, minutes, public_documents, report, start_panels  # noqa: F401
        from .archive import records  # noqa: F401
