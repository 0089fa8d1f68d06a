from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from common.pdf import add_layout_context

        from . import receivers, start_panels  # noqa: F401  (signal receivers, start panels)
        from .context_processors import document_context

        add_layout_context(document_context)
