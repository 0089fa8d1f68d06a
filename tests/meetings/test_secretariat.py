"""The secretariat as a body: members from both sides, a rotating lead and coordinator
(R-SEK-1 to R-SEK-3)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import secretariat
from meetings.models import Seat, SecretariatTerm
from members.models import Organisation
from tests.meetings.factories import make_body, make_person, make_seat

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 1)


def test_r_sek_3_the_coordinator_role_goes_round_the_councils():
    councils = ["Nordmøre", "Romsdal", "Sunnmøre"]
    assert secretariat.next_coordinator_council(councils, []) == "Nordmøre"
    assert secretariat.next_coordinator_council(councils, ["Nordmøre"]) == "Romsdal"
    assert secretariat.next_coordinator_council(councils, ["Romsdal", "Nordmøre"]) == "Sunnmøre"
    assert secretariat.next_coordinator_council(
        councils, ["Nordmøre", "Romsdal", "Sunnmøre"]) == "Nordmøre"
    assert secretariat.next_coordinator_council([], ["Romsdal"]) is None


def test_r_sek_2_the_lead_alternates_between_the_sides():
    assert secretariat.next_lead_side([]) is None
    assert secretariat.next_lead_side(["trust"]) == "municipalities"
    assert secretariat.next_lead_side(["trust", "municipalities"]) == "trust"


@pytest.fixture
def more_og_romsdal(cast):
    """Møre og Romsdal's model: three from the trust and one appointed by each of three
    regional councils (R-SEK-1)."""
    body = make_body("secretariat", "Samarbeidssekretariatet")
    trust = [make_seat(body, make_person(name), side=Seat.Side.TRUST,
                       starts_on=datetime.date(2024, 1, 1))
             for name in ("Samhandlingssjef", "Samhandlingsrådgiver", "Praksiskonsulent")]
    councils, municipal = [], []
    for name in ("Nordmøre interkommunale politiske råd", "Romsdal regionråd",
                 "Sunnmøre regionråd"):
        council = Organisation.objects.create(kind=Organisation.Kind.REGIONAL_COUNCIL,
                                              name=name)
        councils.append(council)
        municipal.append(make_seat(body, make_person(f"Koordinator {name.split()[0]}"),
                                   side=Seat.Side.MUNICIPALITIES, appointed_by=council,
                                   starts_on=datetime.date(2024, 1, 1)))
    return body, trust, municipal, councils, cast.users["secretariat"]


def test_r_sek_2_appointing_the_lead_from_the_same_side_twice_is_warned(more_og_romsdal):
    body, trust, municipal, _councils, user = more_og_romsdal
    _term, warning = secretariat.appoint(body, role="lead", seat=trust[0],
                                         starts_on=datetime.date(2024, 1, 1), acting_user=user)
    assert warning is None
    _term, warning = secretariat.appoint(body, role="lead", seat=trust[1],
                                         starts_on=datetime.date(2026, 1, 1), acting_user=user)
    assert warning == ("Etter rulleringen skal lederen nå komme fra kommunene "
                       "(Samarbeidsavtalen § 4-4: det ledes i 2 år om gangen av "
                       "helseforetaket og kommunene etter tur).")
    first = SecretariatTerm.objects.get(starts_on=datetime.date(2024, 1, 1))
    assert first.ends_on == datetime.date(2026, 1, 1)  # the next term ends the last one


def test_r_sek_3_the_coordinator_is_proposed_in_turn_and_a_broken_turn_warned(more_og_romsdal):
    body, _trust, municipal, councils, user = more_og_romsdal
    state = secretariat.status(body, DAY)
    assert state.next_council == councils[0]
    _term, warning = secretariat.appoint(body, role="coordinator", seat=municipal[0],
                                         starts_on=datetime.date(2024, 1, 1), acting_user=user)
    assert warning is None
    assert secretariat.status(body, DAY).next_council == councils[1]
    _term, warning = secretariat.appoint(body, role="coordinator", seat=municipal[2],
                                         starts_on=datetime.date(2026, 1, 1), acting_user=user)
    assert warning.startswith("Etter rulleringen skal koordinatorrollen nå gå til Romsdal "
                              "regionråd (Samarbeidsavtalen § 4-4:")


def test_r_sek_3_the_coordinator_is_a_municipal_member(more_og_romsdal):
    body, trust, _municipal, _councils, user = more_og_romsdal
    with pytest.raises(ValidationError):
        secretariat.appoint(body, role="coordinator", seat=trust[0], starts_on=DAY,
                            acting_user=user)
    assert not SecretariatTerm.objects.exists()


def test_r_sek_2_a_term_that_ran_out_is_warned(more_og_romsdal):
    body, trust, _municipal, _councils, user = more_og_romsdal
    secretariat.appoint(body, role="lead", seat=trust[0], starts_on=datetime.date(2024, 1, 1),
                        acting_user=user)
    assert [w.rule for w in secretariat.status(body, datetime.date(2025, 12, 31)).warnings] == []
    warnings = secretariat.status(body, datetime.date(2026, 1, 1)).warnings
    assert [(w.rule, w.message) for w in warnings] == [(
        "R-SEK-2", "Samarbeidssekretariatet: ledervervet til Samhandlingssjef gikk ut "
                   "31.12.2025; oppnevn neste leder.")]


def test_r_sek_1_both_sides_and_every_appointing_council(more_og_romsdal):
    body, trust, municipal, councils, user = more_og_romsdal
    secretariat.appoint(body, role="lead", seat=trust[0], starts_on=DAY, acting_user=user)
    municipal[1].ends_on = datetime.date(2026, 2, 1)
    municipal[1].save()
    for seat in trust:
        seat.ends_on = datetime.date(2026, 2, 1)
        seat.save()
    messages = [w.message for w in secretariat.status(body, DAY).warnings if w.rule == "R-SEK-1"]
    assert messages == ["Samarbeidssekretariatet har ingen medlemmer fra helseforetaket.",
                        "Samarbeidssekretariatet har ingen medlemmer oppnevnt av Romsdal "
                        "regionråd."]


@time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_the_secretariat_page_proposes_and_appoints(more_og_romsdal, secretariat_client):
    body, trust, _municipal, _councils, _user = more_og_romsdal
    url = reverse("meetings:secretariat", args=[body.pk])
    page = secretariat_client.get(url).content.decode()
    assert "Samarbeidssekretariatet har ingen leder nå." in page  # R-SEK-2
    response = secretariat_client.post(url, {"role": "lead", "seat": trust[0].pk,
                                             "starts_on": "2026-01-01"})
    assert response.status_code == 302
    page = secretariat_client.get(url).content.decode()
    assert 'id="next-lead">Kommuner<' in page
    assert secretariat_client.get(reverse("start")).status_code == 200
    ssu = make_body("ssu", "SSU")
    assert secretariat_client.get(reverse("meetings:secretariat", args=[ssu.pk])).status_code \
        == 404
