from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from members.demo import DEMO_PASSWORD, USERS

# Each app's demo module, in the order their data builds on each other.
DEMO_MODULES = ["members.demo", "meetings.demo", "meetings.demo_holding", "agreements.demo",
                "finance.demo"]


class Command(BaseCommand):
    help = "Load (or refresh) the Helsefellesskap Helgeland demo data. Safe to run twice."

    @transaction.atomic
    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            import_module(name).load()
        self.stdout.write(self.style.SUCCESS("Demo data for Helsefellesskap Helgeland loaded."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, role, _person, number in USERS:
            suffix = f" ({number})" if number else ""
            self.stdout.write(f"  {role.label:<16} {email}{suffix}")
