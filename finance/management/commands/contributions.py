from django.core.management.base import BaseCommand, CommandError

from finance.allocation import AllocationError
from finance.exports import allocation_csv
from finance.models import Budget


class Command(BaseCommand):
    help = ("Print the contributions of a budget year as CSV: "
            "kommunenummer;name;population;fixed;population_part;total.")

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)

    def handle(self, *args, year, **options):
        budget = Budget.objects.with_totals().filter(year=year).first()
        if budget is None:
            raise CommandError(f"There is no budget for {year}.")
        try:
            allocation = budget.allocation()
        except AllocationError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(allocation_csv(allocation), ending="")
