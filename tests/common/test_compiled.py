"""Queries compiled once (common.compiled): each call gives the rows the ORM would give for
its own arguments, in one query, and a query that cannot be compiled once fails the first
time it runs."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F, Q
from django.utils import timezone

from common.compiled import CompiledQuery
from common.history import save_by
from common.models import Activity
from members.models import Organisation, PopulationFigure


def members_between(first, last):
    return Organisation.objects.members_between(first, last).order_by("number")


def named_members(first, last):
    return members_between(first, last).values_list("number", "name", named=True)


def test_each_call_gives_the_rows_of_its_own_arguments(cast, municipality_factory,
                                                       django_assert_num_queries):
    municipality_factory("1804", "Bodø", joined_on=datetime.date(2025, 1, 1),
                         left_on=datetime.date(2026, 1, 1))
    compiled = CompiledQuery(named_members)
    for first, last in ((datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
                        (datetime.date(2025, 6, 1), datetime.date(2025, 6, 30)),
                        (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))):
        with django_assert_num_queries(1):
            rows = compiled(first=first, last=last)
        assert rows == list(named_members(first, last))
    assert [row.name for row in compiled(first=datetime.date(2025, 6, 1),
                                         last=datetime.date(2025, 6, 30))] == [
        "Bodø", "Vefsn", "Rana"]


def test_models_come_with_their_related_rows_and_annotations(cast):
    cast.users["rep_a"].person.refresh_from_db()
    compiled = CompiledQuery(lambda email: Organisation.objects.filter(
        people__email=email).select_related("regional_council").annotate(
        person_name=F("people__name")).only("name", "regional_council__name"))
    found = compiled(email="a@example.org")
    assert [(row.pk, row.name, row.person_name, row.regional_council) for row in found] == [
        (cast.municipality_x.pk, "Rana", "Representant A", None)]
    assert [row.name for row in compiled(email="b@example.org")] == ["Vefsn"]


def test_time_stamps_come_back_aware_and_select_by_the_argument(cast):
    save_by(cast.municipality_x, cast.users["secretariat"])
    at = Activity.objects.get(kind=Activity.Kind.CHANGED).at
    compiled = CompiledQuery(lambda since, label: Activity.objects.filter(
        at__gte=since, label=label, kind=Activity.Kind.CHANGED).values_list("at", flat=True))
    assert compiled(since=at - datetime.timedelta(seconds=1), label="Rana") == [at]
    assert timezone.is_aware(compiled(since=at, label="Rana")[0])
    assert compiled(since=at + datetime.timedelta(seconds=1), label="Rana") == []
    assert compiled(since=at, label="Vefsn") == []


def test_a_constant_equal_to_a_stand_in_stays_a_constant(cast):
    """30001 is the stand-in for the first integer argument: the query is built with two sets
    of stand-ins, so a constant of that value is not taken for the argument."""
    PopulationFigure.objects.create(municipality=cast.municipality_x, year=2026,
                                    population=30001)
    PopulationFigure.objects.create(municipality=cast.municipality_y, year=2026,
                                    population=12000)
    compiled = CompiledQuery(lambda year: PopulationFigure.objects.filter(
        year=year, population__in=[30001, 12000]).order_by("population")
        .values_list("population", flat=True))
    assert compiled(year=2026) == [12000, 30001]
    assert compiled(year=2025) == []


def test_a_small_integer_field_takes_the_argument(cast):
    """PostgreSQL's backend wraps a small integer (psycopg's Int2): each call's value is
    wrapped the same way."""
    PopulationFigure.objects.create(municipality=cast.municipality_x, year=2026,
                                    population=26000)
    compiled = CompiledQuery(lambda year: PopulationFigure.objects.filter(year=year)
                             .values_list("population", flat=True))
    assert (compiled(year=2026), compiled(year=2027)) == ([26000], [])


@pytest.mark.parametrize("build, why", [
    # The year becomes a range of time stamps, the text a pattern.
    (lambda number: Activity.objects.filter(at__year=number), "change the SQL"),
    (lambda number: Organisation.objects.filter(name__contains=number), "parameter of its own"),
    (lambda number: Organisation.objects.all(), "parameter of its own"),
    (lambda number: Organisation.objects.filter(Q(pk=number) | Q(name__contains=number)),
     "transformed"),
    (lambda number: Organisation.objects.filter(pk__in=range(number % 7)), "change the SQL"),
])
def test_a_query_that_changes_an_argument_cannot_be_compiled(db, build, why):
    with pytest.raises(ImproperlyConfigured, match=why):
        CompiledQuery(build)(number=2026)


def test_arguments_must_keep_their_names_and_kinds(cast):
    compiled = CompiledQuery(named_members)
    day = datetime.date(2026, 1, 1)
    compiled(first=day, last=day)
    with pytest.raises(TypeError, match="last must be a date"):
        compiled(first=day, last=timezone.now())
    with pytest.raises(TypeError, match="Pass first, last"):
        compiled(first=day)
    with pytest.raises(TypeError, match="int, str, date or datetime"):
        CompiledQuery(lambda flag: Organisation.objects.filter(pk=flag))(flag=True)
