"""R-FIN-5: invoice numbers stay unique and without gaps when two people issue at once.

On PostgreSQL (CI) two threads, each with its own database connection, issue at the same
time; the counter row's lock makes one wait for the other. SQLite takes one writer at a time
anyway, so there the same runs go one after the other.
"""

import threading
import time

import pytest
from django.db import connection, transaction

from finance.models import Budget, Invoice, InvoiceCounter
from finance.services import issue_invoices
from members.models import User

from . import factories

MUNICIPALITIES = 5


@pytest.fixture
def two_budgets(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = User.objects.create_user("sek@example.org", "x" * 12, name="Sek",
                                    role=User.Role.SECRETARIAT)
    members = [factories.municipality(f"{1820 + i}", f"Kommune {i}", population=1000 + i)
               for i in range(MUNICIPALITIES)]
    for member in members:
        factories.give_population(member, 1100, year=2023)
    factories.partnership(members[0])
    return user, factories.adopted_budget(user, year=2023), factories.adopted_budget(
        user, year=2024)


def run_at_once(*calls):
    """Run the calls in threads that overlap (PostgreSQL) or one by one (SQLite).

    To make the overlap certain, this thread holds the counter row until both runs are inside
    their transactions; without the lock in the code, both would then read the same number.
    """
    if connection.vendor != "postgresql":
        return [call() for call in calls]
    results, errors = [None] * len(calls), []

    def run(index, call):
        try:
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    InvoiceCounter.objects.get_or_create(pk=1)
    with transaction.atomic():
        InvoiceCounter.objects.select_for_update().get(pk=1)
        for thread in threads:
            thread.start()
        time.sleep(1)
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_r_fin_5_two_budgets_issued_at_once_give_no_duplicate_and_no_gap(two_budgets):
    user, first, second = two_budgets
    results = run_at_once(lambda: issue_invoices(first, acting_user=user),
                          lambda: issue_invoices(second, acting_user=user))
    assert [len(invoices) for invoices in results] == [MUNICIPALITIES, MUNICIPALITIES]
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 2 * MUNICIPALITIES + 1))
    for budget in (first, second):
        own = sorted(Invoice.objects.filter(budget=budget).values_list("number", flat=True))
        assert own == list(range(own[0], own[0] + MUNICIPALITIES))  # one block each


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_r_fin_5_the_same_budget_issued_twice_at_once_is_issued_once(two_budgets):
    user, first, _second = two_budgets
    results = run_at_once(lambda: issue_invoices(first, acting_user=user),
                          lambda: issue_invoices(first, acting_user=user))
    assert sorted(len(invoices) for invoices in results) == [0, MUNICIPALITIES]
    assert sorted(Invoice.objects.values_list("number", flat=True)) == list(
        range(1, MUNICIPALITIES + 1))
    assert Budget.objects.get(pk=first.pk).status == Budget.Status.INVOICED
