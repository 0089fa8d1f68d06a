from django.core.management.base import BaseCommand, CommandError

from finance.allocation import AllocationError
from finance.exports import allocation_csv
from finance.models import Budget


class Command(BaseCommand):
    help = ("Print the contributions of a budget year as CSV: "
            "kommunenummer;name;population;fixed;population_part;total. Reads only: an "
            "adopted budget gives the shares its decision adopted (R-REC-3).")

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--region", help="The regional council of a regional cost pool.")

    def handle(self, *args, year, region=None, **options):
        budgets = Budget.objects.with_totals().filter(year=year)
        budgets = budgets.filter(pool__name=region) if region else budgets.filter(
            pool__isnull=True)
        budget = budgets.first()
        if budget is None:
            raise CommandError(f"There is no budget for {year}{f' in {region}' if region else ''}.")
        try:
            allocation = budget.allocation()
        except AllocationError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(allocation_csv(allocation), ending="")
