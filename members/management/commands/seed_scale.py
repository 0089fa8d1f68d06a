import random
from importlib import import_module

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from members.models import Organisation

# Each app's scale module, in the order their data builds on each other. build(rng, world)
# receives what the earlier ones returned; scale (1.0 in the benchmark) shrinks the data
# for the test of the command.
SCALE_MODULES = ["members.scale", "meetings.scale", "finance.scale"]


class Command(BaseCommand):
    help = "Fill an empty database with a large partnership for the benchmark (make bench)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0,
                            help="Fraction of the full size, e.g. 0.05 for a quick check.")

    @transaction.atomic
    def handle(self, *args, scale, **options):
        if Organisation.objects.exists():
            raise CommandError("seed_scale needs an empty database.")
        rng = random.Random(2026)  # noqa: S311 - reproducible data, not security  # nosec B311
        world = {}
        for name in SCALE_MODULES:
            module = import_module(name)
            world.update(module.build(rng, world, scale=scale))
            self.stdout.write(f"{name}: done")
