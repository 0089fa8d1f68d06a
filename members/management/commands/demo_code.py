from django.core.management.base import BaseCommand

from members.demo import current_demo_code


class Command(BaseCommand):
    help = "Print the demo secretariat's two-step code of this moment (for `make run`)."

    def handle(self, *args, **options):
        self.stdout.write(current_demo_code())
