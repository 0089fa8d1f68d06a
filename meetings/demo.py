"""Demo data: the bodies of Helsefellesskap Helgeland (seed 003) with seats, plans, meetings and
cases. Safe to load twice: everything is looked up by its natural key first."""

import datetime
import zoneinfo

from django.db import transaction

from members.models import Organisation, Person, User

from . import services
from .agenda import number_cases
from .kinds import RULE_DEFAULTS
from .models import Body, Case, ChairTerm, Meeting, MeetingPlan, Seat

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
SEATS_FROM = datetime.date(2024, 1, 1)
TRUST = "Helgelandssykehuset HF"
HELGELANDSRADET = "Helgelandsrådet"
INDRE_HELGELAND = "Indre Helgeland regionråd"

# name, title, organisation (name or kommunenummer), e-mail
TRUST_MEMBERS = [
    ("Erik Johansen", "Administrerende direktør", "erik.johansen@helgelandssykehuset.example"),
    ("Siri Nilsen", "Klinikksjef", "siri.nilsen@helgelandssykehuset.example"),
    ("Tor Arne Hansen", "Klinikksjef psykisk helse og rus",
     "tor.arne.hansen@helgelandssykehuset.example"),
    ("Lene Pedersen", "Fagdirektør", "lene.pedersen@helgelandssykehuset.example"),
    ("Morten Kristiansen", "Klinikksjef kirurgi", "morten.kristiansen@helgelandssykehuset.example"),
    ("Anne Karin Olsen", "Klinikksjef medisin", "anne.karin.olsen@helgelandssykehuset.example"),
    ("Jon Eirik Larsen", "Samhandlingssjef", "jon.eirik.larsen@helgelandssykehuset.example"),
]
TRUST_DEPUTIES = [
    ("Hilde Berntsen", "Avdelingssjef", "hilde.berntsen@helgelandssykehuset.example"),
    ("Knut Aasen", "Avdelingssjef", "knut.aasen@helgelandssykehuset.example"),
    ("Guro Nordli", "Seksjonsleder", "guro.nordli@helgelandssykehuset.example"),
]
# member (name, title, kommunenummer, e-mail), regional council, personal deputy (name, title)
MUNICIPAL_MEMBERS = [
    (("Håkon Berg", "Kommunedirektør", "1833", "hakon.berg@rana.example"), INDRE_HELGELAND,
     ("Randi Bakken", "Kommunalsjef helse", "randi.bakken@rana.example")),
    (("Marte Lien", "Kommunedirektør", "1824", "marte.lien@vefsn.example"), HELGELANDSRADET,
     ("Per Ivar Sund", "Helse- og omsorgssjef", "per.ivar.sund@vefsn.example")),
    (("Bodil Skog", "Kommunalsjef helse og omsorg", "1820", "bodil.skog@k1820.example"),
     HELGELANDSRADET, ("Arild Moe", "Kommuneoverlege", "arild.moe@k1820.example")),
    (("Geir Haugen", "Kommunedirektør", "1813", "geir.haugen@k1813.example"), HELGELANDSRADET,
     ("Ingvild Aune", "Helsesjef", "ingvild.aune@k1813.example")),
    (("Eva Lund", "Kommunalsjef", "1832", "eva.lund@k1832.example"), INDRE_HELGELAND,
     ("Stian Jakobsen", "Virksomhetsleder", "stian.jakobsen@k1832.example")),
    (("Rune Myhre", "Kommunedirektør", "1828", "rune.myhre@k1828.example"), INDRE_HELGELAND,
     ("Tone Vik", "Helse- og omsorgsleder", "tone.vik@k1828.example")),
    (("Kristin Dahl", "Kommunedirektør", "1812", "kristin.dahl@k1812.example"),
     HELGELANDSRADET, ("Ole Petter Brun", "Kommuneoverlege", "ole.petter.brun@k1812.example")),
]
# R-SSU-15: observers with right to speak. name, represents, side, organisation, e-mail
OBSERVERS = [
    ("Trine Mathisen", "Ansatterepresentant (kommunene)", "municipalities", "1833",
     "trine.mathisen@rana.example"),
    ("Kjell Sørensen", "Ansatterepresentant (helseforetaket)", "trust", TRUST,
     "kjell.sorensen@helgelandssykehuset.example"),
    ("Astrid Holm", "Brukerrepresentant (kommunene)", "other", None, "astrid.holm@bruker.example"),
    ("Leif Johnsen", "Brukerrepresentant (helseforetaket)", "other", None,
     "leif.johnsen@bruker.example"),
    ("Nina Fagerli", "Fastlegerepresentant", "other", None, "nina.fagerli@legesenter.example"),
    ("Sverre Wik", "KS", "other", "KS Nordland", "sverre.wik@ks.example"),
    ("Mona Isaksen", "Statsforvalteren", "other", "Statsforvalteren i Nordland",
     "mona.isaksen@statsforvalteren.example"),
    ("Frode Eide", "Universiteter og høgskoler", "other", "Nord universitet",
     "frode.eide@nord.example"),
]

AGENDA = [
    ("Retningslinjer for samarbeid om utskrivningsklare pasienter – revisjon av delavtale 5",
     "<p>Delavtalen om utskrivningsklare pasienter skal revideres. Kommunene opplever at "
     "vurderingen av når en pasient er utskrivningsklar gjøres uten kommunal medisinsk "
     "kompetanse.</p><ul><li>Felles definisjon av utskrivningsklar</li>"
     "<li>Varsling før utskrivning</li></ul>",
     "SSU ber sekretariatet legge fram forslag til revidert delavtale 5 i neste møte."),
    ("Samarbeid om jordmortjenester – status for delavtale 8",
     "<p>Status for følgetjenesten og jordmortjenester i distriktskommunene.</p>",
     "Saken tas til orientering."),
    ("Møteplan for SSU 2027",
     "<p>Forslag til fire ordinære møter i 2027, jf. samarbeidsavtalen.</p>",
     "Møteplanen for 2027 vedtas som foreslått."),
    ("Årlig gjennomgang av samhandlingsavvik 2026",
     "<p>Sekretariatet legger fram avviksstatistikken for 2026 fordelt på delavtaler.</p>",
     "SSU tar avviksrapporten til orientering og ber FSU-ene følge opp sine områder."),
]
QUEUED = ("Tjenester til barn og unge med psykiske lidelser – forslag om eget FSU",
          "Barn og unge er en prioritert pasientgruppe i helsefellesskapet.",
          "SSU oppnevner et FSU for barn og unge med psykiske lidelser og rusproblemer.")


def _at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=OSLO)


def _person(name, title, organisation, email):
    person, _created = Person.objects.update_or_create(
        email=email, defaults={"name": name, "title": title, "organisation": organisation})
    return person


def _organisation(key):
    if key is None:
        return None
    if key.isdigit():
        return Organisation.objects.get(number=key)
    return Organisation.objects.get(name=key)


def _body(kind, name, short_name, **fields):
    body, _created = Body.objects.update_or_create(
        name=name, defaults={"kind": kind, "short_name": short_name,
                             **RULE_DEFAULTS[kind], **fields})
    return body


def _seat(body, person, role, side, **fields):
    seat, _created = Seat.objects.update_or_create(
        body=body, holder=person, role=role,
        defaults={"side": side, "starts_on": SEATS_FROM, **fields})
    return seat


def _meeting(body, starts_at, place, **fields):
    meeting = Meeting.objects.filter(body=body, starts_at=starts_at).first()
    if meeting is None:
        meeting = Meeting.objects.create(body=body, starts_at=starts_at, place=place,
                                         ends_at=starts_at + datetime.timedelta(hours=4),
                                         **fields)
    return meeting


def _ssu_seats(ssu, trust):
    for name, title, email in TRUST_MEMBERS:
        _seat(ssu, _person(name, title, trust, email), Seat.Role.MEMBER, Seat.Side.TRUST)
    for position, (name, title, email) in enumerate(TRUST_DEPUTIES, start=1):
        _seat(ssu, _person(name, title, trust, email), Seat.Role.LIST_DEPUTY, Seat.Side.TRUST,
              list_position=position)
    councils = {name: Organisation.objects.get(name=name)
                for name in [HELGELANDSRADET, INDRE_HELGELAND]}
    for (name, title, number, email), council, deputy in MUNICIPAL_MEMBERS:
        municipality = _organisation(number)
        member = _seat(ssu, _person(name, title, municipality, email), Seat.Role.MEMBER,
                       Seat.Side.MUNICIPALITIES, appointed_by=councils[council])
        _seat(ssu, _person(deputy[0], deputy[1], municipality, deputy[2]),
              Seat.Role.PERSONAL_DEPUTY, Seat.Side.MUNICIPALITIES, deputy_for=member,
              appointed_by=councils[council])
    for name, represents, side, organisation, email in OBSERVERS:
        _seat(ssu, _person(name, represents, _organisation(organisation), email),
              Seat.Role.OBSERVER, side, represents=represents)
    lead = Person.objects.get(email="ingrid.solberg@helgeland.example")
    _seat(ssu, lead, Seat.Role.SECRETARIAT, Seat.Side.MUNICIPALITIES)


def _chairs(ssu):
    terms = [("Erik Johansen", Seat.Side.TRUST, 2024), ("Marte Lien", Seat.Side.MUNICIPALITIES,
                                                        2026)]
    for name, side, year in terms:
        ChairTerm.objects.update_or_create(
            body=ssu, role=ChairTerm.Role.CHAIR, starts_on=datetime.date(year, 1, 1),
            defaults={"person": Person.objects.get(name=name), "side": side,
                      "ends_on": datetime.date(year + 2, 1, 1)})
    ChairTerm.objects.update_or_create(
        body=ssu, role=ChairTerm.Role.VICE_CHAIR, starts_on=datetime.date(2026, 1, 1),
        defaults={"person": Person.objects.get(name="Erik Johansen"), "side": Seat.Side.TRUST,
                  "ends_on": datetime.date(2028, 1, 1)})


def _plans(body, adopted):
    for year, (adopted_on, adopted_in) in adopted.items():
        MeetingPlan.objects.update_or_create(body=body, year=year, defaults={
            "adopted_on": adopted_on, "adopted_in": adopted_in})


def _agenda(ssu, meeting, staff):
    """The December meeting: opening items and four cases, the notice sent on time."""
    if not meeting.cases.exists():
        services.add_opening_items(meeting, acting_user=staff)
        for title, presentation, decision in AGENDA:
            case = services.propose_case(ssu, title=title, acting_user=staff,
                                         now=_at(2026, 10, 20))
            services.place_case(case, meeting, acting_user=staff, now=_at(2026, 10, 25))
            services.save_case_papers(case, title=title, presentation=presentation,
                                      proposed_decision=decision, acting_user=staff)
    if not meeting.notice_sent:
        # The demo records the notice as sent without e-mailing the made-up addresses, with
        # the chair's agreement (R-SSU-3) and the numbers the notice gives.
        sent = _at(2026, 11, 12, 9)
        with transaction.atomic():
            number_cases(meeting, acting_user=staff)
        Meeting.objects.filter(pk=meeting.pk).update(
            agenda_agreed_by=Person.objects.get(name="Marte Lien"),
            agenda_agreed_at=_at(2026, 11, 11, 15))
        Meeting.objects.filter(pk=meeting.pk).update(
            notice_sent_at=sent, status=Meeting.Status.NOTICE_SENT)
        meeting.cases.filter(status=Case.Status.PLACED).update(on_notice=True)


def load():
    staff = User.objects.get(email="sekretariat@helgeland.example")
    representative = User.objects.get(email="representant@helgeland.example")
    trust = Organisation.objects.get(name=TRUST)
    partnership = _body(Body.Kind.PARTNERSHIP, "Partnerskapsmøtet", "PM")
    dialogue = _body(Body.Kind.DIALOGUE, "Dialogmøtet", "DM", programme_of=partnership)
    ssu = _body(Body.Kind.SSU, "Strategisk samarbeidsutvalg (SSU)", "SSU", parent=partnership)
    fsu = _body(Body.Kind.FSU, "FSU Utskrivningsklare pasienter", "FSU-UP", parent=ssu,
                action_plan_revised_on=datetime.date(2026, 2, 10))

    _ssu_seats(ssu, trust)
    _chairs(ssu)
    for email in ["erik.johansen@helgelandssykehuset.example", "hakon.berg@rana.example",
                  "marte.lien@vefsn.example"]:
        person = Person.objects.select_related("organisation").get(email=email)
        side = Seat.Side.TRUST if person.organisation == trust else Seat.Side.MUNICIPALITIES
        _seat(partnership, person, Seat.Role.MEMBER, side)
    _seat(dialogue, Person.objects.get(name="Astrid Holm"), Seat.Role.OBSERVER,
          Seat.Side.OTHER, represents="Brukerrepresentant")
    _seat(fsu, Person.objects.get(name="Siri Nilsen"), Seat.Role.MEMBER, Seat.Side.TRUST)
    _seat(fsu, Person.objects.get(name="Randi Bakken"), Seat.Role.MEMBER,
          Seat.Side.MUNICIPALITIES)

    adopted = {2026: (datetime.date(2025, 11, 27), "Sak 22/2025"),
               2027: (datetime.date(2026, 9, 24), "Sak 18/2026")}
    _plans(ssu, adopted)
    _plans(partnership, adopted)
    _plans(fsu, {2026: (datetime.date(2025, 12, 10), "")})
    for starts_at in [_at(2026, 2, 12), _at(2026, 4, 23), _at(2026, 9, 24), _at(2026, 12, 3),
                      _at(2027, 2, 11), _at(2027, 4, 22), _at(2027, 9, 23), _at(2027, 12, 2)]:
        _meeting(ssu, starts_at, "Helgelandssykehuset Mosjøen, møterom Vefsna")
    for year, day in [(2026, 15), (2027, 14)]:
        pm = _meeting(partnership, _at(year, 10, day, 9), "Scandic Syv Søstre, Sandnessjøen")
        Meeting.objects.get_or_create(body=dialogue, starts_at=_at(year, 10, day, 13),
                                      defaults={"place": pm.place, "held_with": pm})
    for starts_at in [_at(2026, 3, 5, 12), _at(2026, 10, 29, 12)]:
        _meeting(fsu, starts_at, "", video_link="https://video.example/fsu-up")

    december = Meeting.objects.get(body=ssu, starts_at=_at(2026, 12, 3))
    _agenda(ssu, december, staff)
    title, background, wanted = QUEUED
    if not Case.objects.filter(body=ssu, title=title).exists():
        services.propose_case(ssu, title=title, background=background, wanted_decision=wanted,
                              acting_user=representative, now=_at(2026, 11, 16))
    return {"ssu": ssu, "partnership": partnership, "dialogue": dialogue, "fsu": fsu,
            "notice_meeting": december}
