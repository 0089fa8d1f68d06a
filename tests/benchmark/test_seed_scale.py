"""The benchmark's data and setup commands (make bench), at a small fraction of the full size."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from agreements.models import Version
from common.checkdigits import is_valid_kid
from common.models import Activity
from finance.models import Budget, Invoice, InvoiceCounter
from meetings.models import Attachment, Body, Case, Meeting, Seat
from members.models import Organisation, Person, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_partnership(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_scale", scale=0.1, stdout=StringIO())


def test_seed_scale_builds_every_part_at_a_tenth_of_the_size(small_partnership):
    assert Organisation.objects.municipalities().count() == 5
    assert Person.objects.count() == 50
    assert Body.objects.count() == 2
    assert Meeting.objects.count() == 2 * 1 * 4
    assert Case.objects.count() == 8 * 2
    assert set(Case.objects.values_list("position", flat=True)) == {1, 2}
    assert Attachment.objects.count() == 4
    assert all(a.file.storage.exists(a.file.name) for a in Attachment.objects.all())
    assert Seat.objects.count() == 50 + 1  # the representative sits in both bodies
    representative = User.objects.get(email="representant@skala.example")
    assert Seat.objects.filter(holder=representative.person).count() == 2


def test_seed_scale_numbers_invoices_without_gaps_with_valid_kids(small_partnership):
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5]
    assert InvoiceCounter.objects.get().last_number == 5
    assert all(is_valid_kid(kid) for kid in Invoice.objects.values_list("kid", flat=True))
    assert list(Budget.objects.order_by("year").values_list("year", "status")) == [
        (2026, Budget.Status.INVOICED), (2027, Budget.Status.ADOPTED)]


def test_seed_scale_refuses_a_database_with_data(small_partnership):
    with pytest.raises(CommandError):
        call_command("seed_scale", scale=0.1, stdout=StringIO())


@pytest.mark.urls("tests.benchmark.urls")
def test_bench_setup_gives_a_login_per_role_and_pages_that_answer(small_partnership):
    out = StringIO()
    call_command("bench_setup", stdout=out)
    setup = json.loads(out.getvalue())
    assert set(setup) == {"cookies", "pages", "pdf", "queries"}
    assert set(setup["cookies"]) == {"secretariat", "representative", "finance_officer",
                                     "visitor"}
    assert settings.CSRF_COOKIE_NAME in setup["cookies"]["visitor"]
    assert setup["pdf"] is True
    labels = [label for label, _path, _role in setup["pages"]]
    assert "meeting page, secretariat" in labels
    assert "my meetings, representative" in labels
    assert "invoice list, secretariat" in labels
    assert "public meeting page, returning visitor" in labels
    assert "follow-up overview, secretariat" in labels
    assert labels[:2] == ["reference page", "robots.txt"]
    assert {"body page, secretariat", "agreement as on a date, secretariat",
            "start page, finance officer", "member register"} <= set(labels)
    assert set(setup["queries"]) == set(labels)
    # The reference page: the session, the user, the partnership in the header, its table.
    assert setup["queries"]["reference page"] == 4
    for label, path, role in setup["pages"]:
        client = Client()
        client.cookies.load(setup["cookies"][role])
        response = client.get(path)
        assert (label, response.status_code) == (label, 200)


def test_seed_scale_writes_history_as_the_product_does(small_partnership):
    secretariat = User.objects.get(email="sekretariat@skala.example")
    for model in (Organisation, Case, Meeting, Invoice):
        assert model.history.filter(history_type="+").count() == model.objects.count()
        assert set(model.history.values_list("history_user", flat=True)) == {secretariat.pk}
    assert Activity.objects.filter(model_name="case").count() == Case.objects.count()
    assert Activity.objects.filter(actor=secretariat).count() > 100


def test_seed_scale_multiplies_the_years_of_history(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_scale", scale=0.1, history=4, stdout=StringIO())
    assert Meeting.objects.count() == 2 * 4 * 4
    assert Invoice.objects.count() == 5 * 4
    assert Version.objects.count() == 2
