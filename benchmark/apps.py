from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarkConfig(AppConfig):
    """make bench: the large partnership (seed_scale), the key pages and the reference page."""

    name = "benchmark"
    verbose_name = _("Benchmark")
