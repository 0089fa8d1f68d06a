import datetime

import pytest

from meetings.forms import SeatForm
from meetings.models import Seat
from members.models import Organisation
from tests.meetings.factories import make_body, make_person, make_seat

pytestmark = pytest.mark.django_db


def _form(body, **data):
    values = {"starts_on": "2026-01-01", "holder": make_person().pk, **data}
    return SeatForm(values, instance=Seat(body=body), body=body)


def test_r_ssu_13_personal_deputy_belongs_to_a_member_on_the_same_side():
    body = make_body("ssu")
    member = make_seat(body, side=Seat.Side.MUNICIPALITIES)
    form = _form(body, role="personal_deputy", side="municipalities")
    assert form.errors == {"deputy_for": ["Velg medlemmet denne personen er vara for."]}
    form = _form(body, role="personal_deputy", side="trust", deputy_for=member.pk)
    assert form.errors == {"side": ["En personlig vara hører til samme part som medlemmet."]}
    form = _form(body, role="personal_deputy", side="municipalities", deputy_for=member.pk)
    assert form.is_valid()
    assert form.save().deputy_for == member


def test_r_ssu_13_trust_deputies_are_an_ordered_list():
    body = make_body("ssu")
    form = _form(body, role="list_deputy", side="municipalities")
    assert form.errors == {"side": ["Varalisten hører til helseforetaket."],
                           "list_position": ["Oppgi plassen på varalisten."]}
    form = _form(body, role="list_deputy", side="trust", list_position=2)
    assert form.is_valid()


def test_r_ssu_13_municipal_members_are_appointed_by_a_regional_council():
    body = make_body("ssu")
    form = _form(body, role="member", side="municipalities")
    assert form.errors == {"appointed_by": [
        "Velg hvem som oppnevnte dette kommunale medlemmet (Samarbeidsavtalen § 4-3: 7 "
        "medlemmer fra helseforetaket og 7 fra kommunene, de kommunale oppnevnt av "
        "regionrådene)."]}
    council = Organisation.objects.create(kind=Organisation.Kind.REGIONAL_COUNCIL,
                                          name="Helgelandsrådet")
    assert _form(body, role="member", side="municipalities", appointed_by=council.pk).is_valid()


def test_r_ssu_13_seven_members_per_side():
    body = make_body("ssu")
    for _ in range(7):
        make_seat(body, side=Seat.Side.TRUST)
    make_seat(body, side=Seat.Side.TRUST, ends_on=datetime.date(2025, 1, 1))
    form = _form(body, role="member", side="trust")
    assert form.errors == {"side": [
        "Denne parten har allerede sine 7 faste medlemmer (Samarbeidsavtalen § 4-3: 7 "
        "medlemmer fra helseforetaket og 7 fra kommunene, de kommunale oppnevnt av "
        "regionrådene)."]}


def test_r_ssu_15_observers_speak_but_only_permanent_members_have_a_vote():
    body = make_body("ssu")
    assert make_seat(body).has_vote is True
    assert make_seat(body, role=Seat.Role.OBSERVER, side=Seat.Side.OTHER).has_vote is False
    assert make_seat(body, role=Seat.Role.LIST_DEPUTY, list_position=1).has_vote is False
