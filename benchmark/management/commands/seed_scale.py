import random
from importlib import import_module

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from members.models import Organisation

# The data of each app, in the order they build on each other. build(rng, world, scale,
# history) receives what the earlier ones returned; scale (1.0 in the benchmark) shrinks the
# data for the test of the command; history multiplies the years of meetings and invoices
# (the benchmark's growth run: 4).
SCALE_MODULES = ["benchmark.scale_members", "benchmark.scale_meetings",
                 "benchmark.scale_agreements", "benchmark.scale_finance"]


class Command(BaseCommand):
    help = "Fill an empty database with a large partnership for the benchmark (make bench)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0,
                            help="Fraction of the full size, e.g. 0.05 for a quick check.")
        parser.add_argument("--history", type=int, default=1,
                            help="Times the years of meetings and invoices (4: forty years).")

    @transaction.atomic
    def handle(self, *args, scale, history, **options):
        if Organisation.objects.exists():
            raise CommandError("seed_scale needs an empty database.")
        rng = random.Random(2026)  # noqa: S311 - reproducible data, not security  # nosec B311
        world = {}
        for name in SCALE_MODULES:
            module = import_module(name)
            world.update(module.build(rng, world, scale=scale, history=history))
            self.stdout.write(f"{name}: done")
