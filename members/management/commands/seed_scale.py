import random
from importlib import import_module

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from members.models import Organisation

# Each app's scale module, in the order their data builds on each other. build(rng, world)
# receives what the earlier ones returned.
SCALE_MODULES = ["members.scale"]


class Command(BaseCommand):
    help = "Fill an empty database with a large partnership for the benchmark (make bench)."

    @transaction.atomic
    def handle(self, *args, **options):
        if Organisation.objects.exists():
            raise CommandError("seed_scale needs an empty database.")
        rng = random.Random(2026)  # noqa: S311 - reproducible data, not security
        world = {}
        for name in SCALE_MODULES:
            module = import_module(name)
            world.update(module.build(rng, world))
            self.stdout.write(f"{name}: done")
