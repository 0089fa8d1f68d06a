from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from members.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, USERS, current_demo_code
from members.models import User

# Each app's demo module, in the order their data builds on each other.
DEMO_MODULES = ["members.demo", "meetings.demo", "meetings.demo_holding", "meetings.demo_public",
                "agreements.demo", "finance.demo", "meetings.demo_record"]


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
            if role == User.Role.SECRETARIAT:
                self.stdout.write(
                    f"  {'':<16} two-step code: add the secret {DEMO_TOTP_SECRET} to an "
                    f"authenticator app (code right now: {current_demo_code()}; "
                    f"a new one at any time: make demo-code)")
