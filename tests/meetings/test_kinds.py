"""Body kinds with their rules as data, reporting lines, regions and working groups."""

import pytest
from django.urls import reverse

from meetings.body_forms import RULE_FIELDS, BodyForm
from meetings.forms import SeatForm
from meetings.kinds import KINDS, RULE_DEFAULTS, BodyKind
from meetings.models import Body, Seat
from members.models import Organisation
from tests.meetings.factories import make_body, make_person

pytestmark = pytest.mark.django_db


def test_every_kind_brings_every_rule_and_names_its_agreement():
    assert set(KINDS) == set(BodyKind)
    for kind, rules in KINDS.items():
        assert set(RULE_FIELDS) <= set(RULE_DEFAULTS[kind.value]), kind
        assert rules.agreement.cited_as and rules.agreement.title


def test_a_new_body_with_rules_left_empty_takes_its_kinds_defaults(secretariat_client):
    response = secretariat_client.post(reverse("meetings:body_create"),
                                       {"kind": "ssu", "name": "SSU Agder"})
    body = Body.objects.get(name="SSU Agder")
    assert response.status_code == 302
    assert (body.meetings_per_year, body.case_deadline_days, body.trust_members,
            body.municipal_members, body.chair_alternates, body.decision_mode) == (
        4, 28, 7, 7, True, "vote")  # R-SSU-1, R-SSU-4, R-SSU-13, R-SSU-14


def test_the_new_body_form_prefills_no_zeros():
    form = BodyForm()
    assert all(form[name].value() in (None, "") for name in RULE_FIELDS)


def test_a_rule_emptied_when_editing_goes_back_to_the_default(secretariat_client):
    body = make_body("partnership", "Partnerskapsmøtet", notice_max_days=30)
    response = secretariat_client.post(reverse("meetings:body_edit", args=[body.pk]), {
        "kind": "partnership", "name": "Partnerskapsmøtet", "notice_max_days": "",
        "meetings_per_year": "2", "chair_alternates": "no"})
    body.refresh_from_db()
    assert response.status_code == 302
    assert (body.notice_min_days, body.notice_max_days, body.meetings_per_year) == (14, 21, 2)


def test_warnings_cite_the_bodys_agreement_not_an_internal_id():
    body = make_body("ssu", "SSU")
    assert body.cite("R-SSU-4") == ("Samarbeidsavtalen § 4-3: saker meldes senest 4 uker før "
                                    "møtet; en senere sak krever leders godkjenning")
    body.rules_source = "Overordnet samarbeidsavtale pkt. 5.2"
    body.case_deadline_days = 10
    assert body.cite("R-SSU-4").startswith(
        "Overordnet samarbeidsavtale pkt. 5.2: saker meldes senest 10 dager før")


def _council(name, *municipalities):
    council = Organisation.objects.create(kind=Organisation.Kind.REGIONAL_COUNCIL, name=name)
    for number, municipality in municipalities:
        Organisation.objects.create(kind=Organisation.Kind.MUNICIPALITY, number=number,
                                    name=municipality, regional_council=council)
    return council


def test_r_lsu_1_a_local_committee_reports_to_ssu_or_osu_and_belongs_to_a_region():
    form = BodyForm({"kind": "lsu", "name": "LSU Molde"})
    assert form.errors == {
        "parent": ["Denne typen organ rapporterer til en av: Strategisk samarbeidsutvalg (SSU), "
                   "Overordnet samarbeidsutvalg (OSU, OSS)."],
        "region": ["Velg regionrådet med kommunene utvalget dekker."]}
    osu = make_body("overarching", "OSU")
    council = _council("Romsdal regionråd", ("1506", "Molde"))
    form = BodyForm({"kind": "lsu", "name": "LSU Molde", "parent": osu.pk,
                     "region": council.pk})
    assert form.is_valid(), form.errors


def test_any_body_reports_to_another_but_not_in_a_circle():
    board = make_body("board", "Samarbeidsstyret")
    owners = make_body("owners", "Eiermøtet")
    board.parent = owners
    board.save()
    form = BodyForm({"kind": "owners", "name": "Eiermøtet", "parent": board.pk},
                    instance=owners)
    assert form.errors == {"parent": [
        "Et organ kan ikke rapportere til et organ som rapporterer til det."]}


def test_a_working_group_has_a_mandate_and_a_time_limit():
    form = BodyForm({"kind": "working_group", "name": "Arbeidsgruppe delavtaler"})
    assert form.errors == {"mandate": ["En arbeidsgruppe må ha et mandat."],
                           "works_until": ["En arbeidsgruppe må ha en tidsramme."]}
    form = BodyForm({"kind": "working_group", "name": "Arbeidsgruppe delavtaler",
                     "mandate": "Foreslå rekkefølgen for revisjon av delavtalene.",
                     "works_until": "2027-06-30"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["decision_mode"] == "advisory"


def test_local_committee_members_come_from_its_region_appointed_by_municipality_or_council():
    council = _council("Romsdal regionråd", ("1506", "Molde"))
    other = _council("Sunnmøre regionråd", ("1507", "Ålesund"))
    lsu = make_body("lsu", "LSU Molde", region=council, municipal_members=1)
    molde = Organisation.objects.get(number="1506")
    outsider = make_person("Åse Ålesund", organisation=Organisation.objects.get(number="1507"))

    def form(holder, appointed_by):
        return SeatForm({"holder": holder.pk, "role": "member", "side": "municipalities",
                         "appointed_by": appointed_by.pk, "starts_on": "2026-01-01"},
                        instance=Seat(body=lsu), body=lsu)

    refused = form(outsider, council)
    assert refused.errors == {"holder": [
        "Åse Ålesund arbeider ikke i en kommune i Romsdal regionråd (Samarbeidsavtalen om lokale "
        "samarbeidsutvalg: de kommunale medlemmene kommer fra kommunene i regionen)."]}
    assert form(make_person(organisation=molde), molde).is_valid()
    assert form(make_person(organisation=molde), council).is_valid()
    assert other.pk not in [o.pk for o in Organisation.objects.in_region(council)]
