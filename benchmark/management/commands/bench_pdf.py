import json
import time
from importlib import import_module

from django.core.management.base import BaseCommand

from .bench_setup import BENCH_MODULES, bench_users


def raw_render(html):
    """WeasyPrint alone on the same HTML with the same stylesheets and images: the product's
    own fetcher serves them, so that both render the same document."""
    from weasyprint import HTML

    from common.pdf import STATIC_BASE, url_fetcher

    started = time.perf_counter()
    HTML(string=html, base_url=STATIC_BASE, url_fetcher=url_fetcher()).write_pdf()
    return time.perf_counter() - started


class Command(BaseCommand):
    help = ("Time PDF work against raw WeasyPrint, as JSON rows {label, product, raw, ratio, "
            "target} (used by scripts/bench.py).")

    def handle(self, *args, **options):
        users = bench_users()
        rows = []
        for name in BENCH_MODULES:
            module = import_module(name)
            if hasattr(module, "pdf_work"):
                rows += module.pdf_work(users, raw_render)
        self.stdout.write(json.dumps({"rows": rows}))
