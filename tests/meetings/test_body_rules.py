"""The bodies' own rules: chairs and mandates decided by the partnership meeting (R-PM-8),
the dialogue meeting's composition and who runs its programme (R-DM-2, R-DM-3), terms
(R-SSU-14, R-LSU-1) and SSU's observers (R-SSU-15)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import mandates, services
from meetings.models import Seat
from meetings.warnings import warnings_for
from members.models import Organisation
from tests.meetings.factories import at, make_body, make_meeting, make_person, make_seat, place

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 1)


def _found(body, rule, today=TODAY):
    return [w.message for _b, found in warnings_for([body], today) for w in found
            if w.rule == rule]


def _decided_case(staff, body, title):
    meeting = make_meeting(body, at(2026, 10, 15))
    case = place(title, meeting, staff, now=at(2026, 9, 1))
    services.send_notice(meeting, acting_user=staff, now=at(2026, 9, 28))
    case.refresh_from_db()
    return meeting, case


def test_r_pm_8_the_partnership_meeting_elects_ssus_chair_and_sets_its_mandate(cast):
    staff = cast.users["secretariat"]
    partnership = make_body("partnership", "Partnerskapsmøtet")
    ssu = make_body("ssu", "SSU", parent=partnership)
    make_seat(ssu, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    meeting, case = _decided_case(staff, partnership, "Valg av leder og mandat for SSU")
    own_meeting = make_meeting(ssu, at(2026, 10, 1))
    with pytest.raises(ValidationError) as refused:
        services.appoint_chair(ssu, person=make_person(), side="trust",
                               starts_on=datetime.date(2027, 1, 1), decided_at=own_meeting,
                               acting_user=staff)
    assert refused.value.message_dict["decided_at"][0].startswith(
        "Partnerskapsmøtet velger SSUs leder og nestleder")
    term, _warning = services.appoint_chair(
        ssu, person=make_person("Ny Leder"), side="trust", starts_on=datetime.date(2027, 1, 1),
        decided_at=meeting, decided_in=case, acting_user=staff)
    assert (term.decided_at, term.decided_in) == (meeting, case)
    with pytest.raises(ValidationError) as refused:
        mandates.adopt_mandate(ssu, text="SSU skal …", adopted_on=datetime.date(2026, 10, 15),
                               adopted_at=own_meeting, acting_user=staff)
    assert refused.value.message_dict["adopted_at"][0].startswith(
        "Partnerskapsmøtet velger SSUs leder og nestleder")
    response = cast.client("secretariat").post(
        reverse("meetings:mandate_adopt", args=[ssu.pk]),
        {"text": "SSU følger opp samarbeidsavtalen.", "adopted_on": "2026-10-15",
         "adopted_at": meeting.pk, "adopted_in": case.pk})
    assert response.status_code == 302
    page = cast.client("rep_a").get(ssu.get_absolute_url()).content.decode()
    assert "SSU følger opp samarbeidsavtalen." in page
    assert case.label in page and case.label == "Sak 1/2026"


def test_r_pm_8_the_case_must_be_on_the_deciding_meeting(staff):
    partnership = make_body("partnership")
    ssu = make_body("ssu")
    meeting, _case = _decided_case(staff, partnership, "Mandat")
    _other_meeting, other_case = _decided_case(staff, make_body("partnership"), "Annet")
    with pytest.raises(ValidationError) as refused:
        mandates.adopt_mandate(ssu, text="Mandat", adopted_on=datetime.date(2026, 10, 15),
                               adopted_at=meeting, adopted_in=other_case, acting_user=staff)
    assert list(refused.value.message_dict) == ["adopted_in"]


def test_r_dm_2_the_dialogue_meetings_composition_is_checked(staff):
    partnership = make_body("partnership")
    dialogue = make_body("dialogue", "Dialogmøtet", programme_of=partnership)
    assert len(_found(dialogue, "R-DM-2")) == 4
    make_seat(dialogue, make_person("Styreleder"), side=Seat.Side.TRUST)
    make_seat(dialogue, make_person("Ordfører"), side=Seat.Side.MUNICIPALITIES)
    make_seat(dialogue, make_person("Bruker"), role=Seat.Role.OBSERVER, side=Seat.Side.OTHER,
              represents="Brukerrepresentant")
    assert _found(dialogue, "R-DM-2") == [
        "Dialogmøtet: ingen tilhørere invitert (kommunedirektørene, helseforetakets "
        "administrerende direktør, SSU-lederen og SSUs observatører)."]
    make_seat(dialogue, make_person("Kommunedirektør"), role=Seat.Role.LISTENER,
              side=Seat.Side.MUNICIPALITIES)
    assert _found(dialogue, "R-DM-2") == []


@time_machine.travel(at(2026, 9, 1), tick=False)
def test_r_dm_3_ssu_and_its_chair_run_the_dialogue_meetings_programme_and_notice(cast):
    staff = cast.users["secretariat"]
    ssu = make_body("ssu", "SSU")
    services.appoint_chair(ssu, person=make_person("Marte Lien"), side="municipalities",
                           starts_on=datetime.date(2026, 1, 1), acting_user=staff)
    partnership = make_body("partnership")
    dialogue = make_body("dialogue", "Dialogmøtet", programme_of=partnership)
    make_seat(dialogue, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    services.plan_meeting(partnership, starts_at=at(2026, 10, 15, 9), acting_user=staff)
    meeting = services.plan_meeting(dialogue, starts_at=at(2026, 10, 15, 13),
                                    acting_user=staff)
    expected = ("SSU (ved leder Marte Lien) har ansvaret for programmet og innkallingen.")
    page = cast.client("rep_a").get(meeting.get_absolute_url()).content.decode()
    assert expected in page
    services.send_notice(meeting, reason="Leder har godkjent muntlig", acting_user=staff,
                         now=at(2026, 9, 28))
    from common.models import OutgoingMail

    notice = OutgoingMail.objects.filter(purpose__endswith=":notice").first()
    assert expected in notice.body_text


def test_r_ssu_14_a_chair_term_longer_than_the_body_allows_is_warned_about(staff):
    ssu = make_body("ssu", "SSU")
    services.appoint_chair(ssu, person=make_person("Lang Leder"), side="trust",
                           starts_on=datetime.date(2024, 1, 1), acting_user=staff)
    assert _found(ssu, "R-SSU-14") == [
        "SSU: perioden til Lang Leder som leder fra 01.01.2024 varer lenger enn de 2 årene "
        "en periode varer."]


def test_r_ssu_14_a_chair_term_ending_without_a_successor_is_warned_about(staff):
    ssu = make_body("ssu", "SSU")
    services.appoint_chair(ssu, person=make_person(), side="trust",
                           starts_on=datetime.date(2025, 1, 1),
                           ends_on=datetime.date(2027, 1, 1), acting_user=staff)
    assert _found(ssu, "R-SSU-14") == [
        "SSU: perioden til leder slutter 01.01.2027, og ingen etterfølger er registrert."]
    services.appoint_chair(ssu, person=make_person(), side="municipalities",
                           starts_on=datetime.date(2027, 1, 1), acting_user=staff)
    assert _found(ssu, "R-SSU-14") == []


def test_r_lsu_1_members_serve_four_year_terms(staff):
    lsu = make_body("lsu", "LSU Sør")
    make_seat(lsu, make_person("Gammel Medlem"), starts_on=datetime.date(2021, 1, 1))
    make_seat(lsu, make_person("Ny Medlem"), starts_on=datetime.date(2024, 1, 1))
    assert [m for m in _found(lsu, "R-LSU-1") if "setet" in m] == [
        "LSU Sør: Gammel Medlem har hatt setet siden 01.01.2021, lenger enn de 4 årene en "
        "medlemsperiode varer."]


def test_r_ssu_15_every_observer_group_the_agreement_names_is_checked_with_its_count(staff):
    ssu = make_body("ssu", "SSU")
    assert _found(ssu, "R-SSU-15") == [
        f"SSU: ingen observatørplass for {what}." for what in [
            "ansatterepresentanter", "brukerrepresentanter", "en fastlege",
            "sekretariatslederne", "KS", "statsforvalteren", "universitetene"]]
    for represents in ["Tillitsvalgt (kommunene)", "Brukerrepresentant", "Fastlege", "KS Nordland",
                       "Statsforvalteren i Nordland", "Nord universitet"]:
        make_seat(ssu, make_person(), role=Seat.Role.OBSERVER, side=Seat.Side.OTHER,
                  represents=represents)
    # The secretariat's lead sits in their own role.
    make_seat(ssu, make_person(), role=Seat.Role.SECRETARIAT, side=Seat.Side.TRUST)
    assert _found(ssu, "R-SSU-15") == [
        "SSU: 1 av de 2 observatørplassene for ansatterepresentanter er besatt.",
        "SSU: 1 av de 2 observatørplassene for brukerrepresentanter er besatt."]
    for represents in ["Ansatterepresentant (helseforetaket)", "Brukerrepresentant (HF)"]:
        make_seat(ssu, make_person(), role=Seat.Role.OBSERVER, side=Seat.Side.OTHER,
                  represents=represents)
    assert _found(ssu, "R-SSU-15") == []


def test_r_ssu_15_an_ended_observer_seat_does_not_count(staff):
    ssu = make_body("ssu", "SSU")
    make_seat(ssu, make_person(), role=Seat.Role.OBSERVER, side=Seat.Side.OTHER,
              represents="KS", ends_on=datetime.date(2026, 6, 1))
    assert "SSU: ingen observatørplass for KS." in _found(ssu, "R-SSU-15")


def test_r_ssu_14_a_members_seat_ending_without_a_successor_is_warned_about(staff):
    ssu = make_body("ssu", "SSU")
    council = Organisation.objects.create(kind=Organisation.Kind.REGIONAL_COUNCIL,
                                          name="Helgelandsrådet")
    make_seat(ssu, make_person("Kari Nord"), side=Seat.Side.MUNICIPALITIES,
              appointed_by=council, starts_on=datetime.date(2023, 1, 1),
              ends_on=datetime.date(2027, 1, 1))
    # Another municipal member already sitting is no successor.
    make_seat(ssu, make_person(), side=Seat.Side.MUNICIPALITIES, appointed_by=council,
              starts_on=datetime.date(2024, 1, 1))
    assert _found(ssu, "R-SSU-14") == [
        "SSU: setet til Kari Nord som medlem (kommuner) går ut 01.01.2027, og ingen "
        "etterfølger er registrert."]
    make_seat(ssu, make_person(), side=Seat.Side.MUNICIPALITIES, appointed_by=council,
              starts_on=datetime.date(2027, 1, 1))
    assert _found(ssu, "R-SSU-14") == []


def test_r_ssu_14_a_seat_that_ended_lately_without_a_successor_is_warned_about(staff):
    ssu = make_body("ssu", "SSU")
    make_seat(ssu, make_person("Per Sør"), starts_on=datetime.date(2022, 1, 1),
              ends_on=datetime.date(2026, 6, 1))
    assert _found(ssu, "R-SSU-14") == [
        "SSU: setet til Per Sør som medlem (helseforetak) gikk ut 01.06.2026, og ingen "
        "etterfølger er registrert."]
    # Beyond the year looked back at, an old seat is history, not a missing successor.
    assert _found(ssu, "R-SSU-14", today=datetime.date(2027, 8, 1)) == []


def test_r_ssu_14_a_members_term_longer_than_member_term_years_is_warned_about(staff):
    ssu = make_body("ssu", "SSU", member_term_years=3)
    make_seat(ssu, make_person("Lang Medlem"), starts_on=datetime.date(2024, 1, 1),
              ends_on=datetime.date(2028, 1, 1))
    successor = make_seat(ssu, make_person(), starts_on=datetime.date(2028, 1, 1))
    assert successor.pk and _found(ssu, "R-SSU-14") == [
        "SSU: Lang Medlem har hatt setet siden 01.01.2024, lenger enn de 3 årene en "
        "medlemsperiode varer."]


def test_r_lsu_1_an_lsu_seat_ending_without_a_successor_is_warned_about(staff):
    lsu = make_body("lsu", "LSU Sør")
    make_seat(lsu, make_person("Ny Medlem"), starts_on=datetime.date(2024, 1, 1),
              ends_on=datetime.date(2026, 12, 31))
    assert [m for m in _found(lsu, "R-LSU-1") if "etterfølger" in m] == [
        "LSU Sør: setet til Ny Medlem som medlem (helseforetak) går ut 31.12.2026, og "
        "ingen etterfølger er registrert."]
