"""Demo data: the bodies of Helsefellesskap Helgeland (seed 003) with seats, plans, meetings and
cases. Safe to load twice: everything is looked up by its natural key first."""

import datetime

from django.db import transaction

from members.models import Organisation, Person, User

from . import demo_calendar as calendar
from . import services
from .agenda import number_cases
from .body_rules import SUCCESSOR_NOTICE
from .kinds import RULE_DEFAULTS
from .models import Body, Case, ChairTerm, Meeting, MeetingPlan, Seat

# Seats run from four years back (R-LSU-1's term), so every demo meeting has its members.
SEATS_YEARS_BACK = 4
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

# The chief executive and the mayor of each member municipality (made-up names); where a chief
# executive already sits in SSU, that person is used.
LEADERS = {
    "1812": ("Kristin Dahl", "Arne Sømnes"), "1813": ("Geir Haugen", "Eva Brønstad"),
    "1815": ("Lars Vegard", "Marit Vegesen"), "1816": ("Sissel Vevang", "Tore Vevelsen"),
    "1818": ("Jorunn Herø", "Paul Øyen"), "1820": ("Helge Alstad", "Berit Haugseth"),
    "1822": ("Ove Leirvik", "Gunn Fjordheim"), "1824": ("Marte Lien", "Rolf Mosvik"),
    "1825": ("Anita Granli", "Steinar Granmo"), "1826": ("Bjørn Hatten", "Liv Fjellheim"),
    "1827": ("Kjersti Dønnes", "Odd Dønnesen"), "1828": ("Rune Myhre", "Heidi Nesheim"),
    "1832": ("Trond Hemmingsen", "Anne Korgen"), "1833": ("Håkon Berg", "Geir Waage Ranheim"),
    "1834": ("Ellen Lurås", "Finn Lurøysund"), "1835": ("Ståle Træen", "Inger Husøy"),
    "1836": ("Mona Rødøen", "Kåre Tjongsfjord"),
}

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
        defaults={"side": side, "starts_on": datetime.date(
            calendar.today().year - SEATS_YEARS_BACK, 1, 1), **fields})
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
    """Two-year chair terms from even years, the trust and the municipalities in turn
    (R-SSU-14); the current chair is Marte Lien (municipalities). Once the current terms end
    within SUCCESSOR_NOTICE of the load date, their successors (the sides swapped) are on
    record too, as the body would have elected them by then."""
    today = calendar.today()
    current = today.year // 2 * 2
    chairs = [("Erik Johansen", Seat.Side.TRUST, current - 2),
              ("Marte Lien", Seat.Side.MUNICIPALITIES, current)]
    vice_chairs = [("Erik Johansen", Seat.Side.TRUST, current)]
    if datetime.date(current + 2, 1, 1) <= today + SUCCESSOR_NOTICE:
        chairs.append(("Erik Johansen", Seat.Side.TRUST, current + 2))
        vice_chairs.append(("Marte Lien", Seat.Side.MUNICIPALITIES, current + 2))
    for role, terms in ((ChairTerm.Role.CHAIR, chairs), (ChairTerm.Role.VICE_CHAIR, vice_chairs)):
        for name, side, year in terms:
            ChairTerm.objects.update_or_create(
                body=ssu, role=role, starts_on=datetime.date(year, 1, 1),
                defaults={"person": Person.objects.get(name=name), "side": side,
                          "ends_on": datetime.date(year + 2, 1, 1)})


def _plans(body, years, day):
    for year in years:
        MeetingPlan.objects.update_or_create(body=body, year=year, defaults={
            "adopted_on": calendar.plan_adopted_on(year, day), "adopted_in": ""})


def _agenda(ssu, meeting, staff, day):
    """The next meeting: opening items and four cases placed in time, the notice sent three
    days ago (inside R-PM-3's window)."""
    if not meeting.cases.exists():
        services.add_opening_items(meeting, acting_user=staff)
        proposed = calendar.at(meeting.date - calendar.days(40))
        for title, presentation, decision in AGENDA:
            case = services.propose_case(ssu, title=title, acting_user=staff, now=proposed)
            services.place_case(case, meeting, acting_user=staff,
                                now=proposed + calendar.days(5))
            services.save_case_papers(case, title=title, presentation=presentation,
                                      proposed_decision=decision, acting_user=staff)
    if not meeting.notice_sent:
        # The demo records the notice as sent without e-mailing the made-up addresses, with
        # the chair's agreement (R-SSU-3) and the numbers the notice gives.
        with transaction.atomic():
            number_cases(meeting, acting_user=staff)
        Meeting.objects.filter(pk=meeting.pk).update(
            agenda_agreed_by=Person.objects.get(name="Marte Lien"),
            agenda_agreed_at=calendar.at(day - calendar.days(4), 15))
        Meeting.objects.filter(pk=meeting.pk).update(
            notice_sent_at=calendar.at(day - calendar.days(3), 9),
            status=Meeting.Status.NOTICE_SENT)
        meeting.cases.filter(status=Case.Status.PLACED).update(on_notice=True)


def _top_level_seats(partnership, dialogue, trust):
    """R-PM participants: the trust's CEO and the municipal chief executives; R-DM-2: the
    trust's board chair and the mayors, a user representative with right to speak, the CEO
    and the chief executives as listeners."""
    ceo = Person.objects.get(email="erik.johansen@helgelandssykehuset.example")
    chair = _person("Bente Rønning", "Styreleder", trust, "styreleder@helgelandssykehuset.example")
    _seat(partnership, ceo, Seat.Role.MEMBER, Seat.Side.TRUST)
    _seat(dialogue, chair, Seat.Role.MEMBER, Seat.Side.TRUST)
    _seat(dialogue, ceo, Seat.Role.LISTENER, Seat.Side.TRUST)
    for number, (executive, mayor) in sorted(LEADERS.items()):
        municipality = Organisation.objects.get(number=number)
        cao = (Person.objects.filter(organisation=municipality, title="Kommunedirektør").first()
               or _person(executive, "Kommunedirektør", municipality,
                          f"kommunedirektor@k{number}.example"))
        _seat(partnership, cao, Seat.Role.MEMBER, Seat.Side.MUNICIPALITIES)
        _seat(dialogue, cao, Seat.Role.LISTENER, Seat.Side.MUNICIPALITIES)
        _seat(dialogue, _person(mayor, "Ordfører", municipality, f"ordforer@k{number}.example"),
              Seat.Role.MEMBER, Seat.Side.MUNICIPALITIES)
    _seat(dialogue, Person.objects.get(name="Astrid Holm"), Seat.Role.OBSERVER,
          Seat.Side.OTHER, represents="Brukerrepresentant")


def load():
    day = calendar.today()
    staff = User.objects.get(email="sekretariat@helgeland.example")
    representative = User.objects.get(email="representant@helgeland.example")
    trust = Organisation.objects.get(name=TRUST)
    partnership = _body(Body.Kind.PARTNERSHIP, "Partnerskapsmøtet", "PM")
    dialogue = _body(Body.Kind.DIALOGUE, "Dialogmøtet", "DM", programme_of=partnership)
    ssu = _body(Body.Kind.SSU, "Strategisk samarbeidsutvalg (SSU)", "SSU", parent=partnership)
    fsu = _body(Body.Kind.FSU, "FSU Utskrivningsklare pasienter", "FSU-UP", parent=ssu,
                action_plan_revised_on=day - calendar.days(200))

    _ssu_seats(ssu, trust)
    _chairs(ssu)
    _top_level_seats(partnership, dialogue, trust)
    _seat(fsu, Person.objects.get(name="Siri Nilsen"), Seat.Role.MEMBER, Seat.Side.TRUST)
    _seat(fsu, Person.objects.get(name="Randi Bakken"), Seat.Role.MEMBER,
          Seat.Side.MUNICIPALITIES)

    ssu_dates, fsu_dates, pm_dates = (calendar.ssu_dates(day), calendar.fsu_dates(day),
                                      calendar.pm_dates(day))
    years = {when.year for dates in (ssu_dates, fsu_dates, pm_dates)
             for when in dates.values()}
    for body in (ssu, partnership, fsu):
        _plans(body, years, day)
    for starts_at in ssu_dates.values():
        _meeting(ssu, starts_at, "Helgelandssykehuset Mosjøen, møterom Vefsna")
    for starts_at in pm_dates.values():
        pm = _meeting(partnership, starts_at, "Scandic Syv Søstre, Sandnessjøen")
        Meeting.objects.get_or_create(
            body=dialogue, starts_at=starts_at + datetime.timedelta(hours=4),
            defaults={"place": pm.place, "held_with": pm})
    for starts_at in fsu_dates.values():
        _meeting(fsu, starts_at, "", video_link="https://video.example/fsu-up")

    upcoming = Meeting.objects.get(body=ssu, starts_at=ssu_dates[0])
    _agenda(ssu, upcoming, staff, day)
    title, background, wanted = QUEUED
    if not Case.objects.filter(body=ssu, title=title).exists():
        # Proposed two days ago, after the case deadline of the next meeting: the one late
        # case of the demo (R-SSU-4), waiting for the chair.
        services.propose_case(ssu, title=title, background=background, wanted_decision=wanted,
                              acting_user=representative,
                              now=calendar.at(day - calendar.days(2), 9))
    return {"ssu": ssu, "partnership": partnership, "dialogue": dialogue, "fsu": fsu,
            "notice_meeting": upcoming}
