"""Demo data: Helgeland's cooperation agreement (seed 003, «Vedlegg 4») as version 1, an
amendment adopted after two readings in the partnership meeting, three sub-agreements and a
pending withdrawal. Safe to load twice: nothing is made again once it exists."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from meetings import demo_calendar as calendar
from meetings import services as meetings
from meetings.models import Body, Meeting
from members.models import Organisation, User

from . import services
from .demo_text import COOPERATION_AGREEMENT
from .models import Agreement, Topic, Withdrawal
from .topics import ensure_topics

PLACE = "Scandic Syv Søstre, Sandnessjøen"

# The amendment: a clearer withdrawal clause (R-AG-5) and a spelling fix in § 1.
_PURPOSE = COOPERATION_AGREEMENT[0][2]
AMENDMENT = [
    ("1", "Formål", _PURPOSE.replace("gjeldene tjenesteavtaler", "gjeldende tjenesteavtaler")),
    ("6", "Uttreden",
     "<p>Den enkelte kommune kan med ett års skriftlig varsel si opp sitt deltakerforhold i "
     "Helsefellesskap Helgeland og kreve seg utløst fra samarbeidet. Oppsigelsestiden knyttes "
     "til budsjettår: uttreden får virkning fra 1. januar i det første budsjettåret som "
     "begynner minst 12 måneder etter at varselet er mottatt, og kommunen betaler sin andel "
     "fram til da.</p>"),
]

# number, title, managing body (short name), revision due (days from today), § 6-2 topics,
# sections. One revision comes within the three months the start page looks ahead.
SUB_AGREEMENTS = [
    ("Delavtale 5", "Samarbeid om utskrivningsklare pasienter", "FSU-UP",
     60, [2, 5], [
         ("1", "Formål", "<p>Avtalen skal sikre at pasienter som er utskrivningsklare og har "
          "behov for kommunale tjenester, får et trygt og sammenhengende forløp.</p>"),
         ("2", "Varsling", "<p>Helseforetaket varsler kommunen innen 24 timer etter "
          "innleggelse dersom pasienten antas å ha behov for kommunale tjenester etter "
          "utskrivning.</p>"),
         ("3", "Utskrivningsklar pasient", "<p>Vurderingen av om en pasient er "
          "utskrivningsklar gjøres av lege i helseforetaket etter dialog med kommunen.</p>"),
     ]),
    ("Delavtale 8", "Samarbeid om jordmortjenester", "SSU",
     400, [8], [
         ("1", "Formål", "<p>Avtalen skal sikre gravide og barselkvinner et helhetlig og "
          "trygt tilbud, uansett bosted.</p>"),
         ("2", "Følgetjeneste", "<p>Helseforetaket og kommunene samarbeider om "
          "følgetjeneste for gravide med lang reisevei til fødested.</p>"),
     ]),
    ("Delavtale 11", "Omforente beredskapsplaner og akuttmedisinsk kjede", "SSU",
     900, [11], [
         ("1", "Formål", "<p>Partene skal ha omforente beredskapsplaner og planer for den "
          "akuttmedisinske kjeden.</p>"),
         ("2", "Øvelser", "<p>Partene gjennomfører minst én felles beredskapsøvelse hvert "
          "annet år.</p>"),
     ]),
]

WITHDRAWING = "1835"  # Træna
NOTICE_PDF = (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n"
              b"% Oppsigelse av deltakerforhold i Helsefellesskap Helgeland\n%%EOF\n")


def _held_meeting(body, starts_at):
    meeting, _created = Meeting.objects.get_or_create(
        body=body, starts_at=starts_at, defaults={
            "place": PLACE, "ends_at": starts_at + datetime.timedelta(hours=3)})
    return meeting


def _mark_held(meeting):
    # The demo records past meetings as held without going through notices and minutes.
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)


def _agreement(number, title, kind, **fields):
    agreement, _created = Agreement.objects.update_or_create(
        number=number, defaults={"title": title, "kind": kind, **fields})
    return agreement


def _first_version(agreement, sections, meeting, reference, in_force_from, staff):
    proposal = services.create_proposal(agreement, title="Avtalen inngås",
                                        acting_user=staff)
    for number, heading, text in sections:
        services.save_proposed_section(proposal, number=number, heading=heading, text=text,
                                       acting_user=staff)
    return services.adopt_proposal(proposal, meeting=meeting, adopted_by_consensus=True,
                                   in_force_from=in_force_from, decision_reference=reference,
                                   acting_user=staff)


def _place(proposal, meeting, staff, now):
    services.put_on_meeting(proposal, meeting, acting_user=staff)
    proposal.refresh_from_db()
    # The demo's past: the case was submitted the day it was placed, not the day of loading
    # (R-SSU-4 counts from the submission).
    proposal.case.submitted_at = now
    meetings.place_case(proposal.case, meeting, acting_user=staff, now=now)


def _amend(agreement, first, second, staff):
    """The amendment of §§ 1 and 6: first reading at one partnership meeting, adopted at the
    next (R-AG-2), in force from the following 1 January."""
    proposal = services.create_proposal(
        agreement, title="Tydeligere regel om uttreden", changes_statutes=True,
        rationale="Oppsigelsestiden knyttes til budsjettår; regelen gjøres entydig.",
        acting_user=staff)
    for number, heading, text in AMENDMENT:
        services.save_proposed_section(proposal, number=number, heading=heading, text=text,
                                       acting_user=staff)
    _place(proposal, first, staff, first.starts_at - calendar.days(45))
    services.record_first_reading(proposal, acting_user=staff)
    _place(proposal, second, staff, second.starts_at - calendar.days(45))
    proposal.refresh_from_db()
    return services.adopt_proposal(proposal, meeting=second, adopted_by_consensus=True,
                                   in_force_from=datetime.date(second.date.year + 1, 1, 1),
                                   decision_reference=f"PM {proposal.case.label}",
                                   acting_user=staff)


def load():
    staff = User.objects.get(email="sekretariat@helgeland.example")
    partnership = Body.objects.get(short_name="PM")
    day = calendar.today()
    dates = calendar.pm_dates(day)
    pm_first, pm_reading, pm_adopting = (_held_meeting(partnership, dates[k])
                                         for k in (-3, -2, -1))
    ensure_topics(Topic)
    topics = {topic.number: topic for topic in Topic.objects.all()}

    cooperation = _agreement(
        "SA", "Samarbeidsavtale mellom kommunene på Helgeland og Helgelandssykehuset HF",
        Agreement.Kind.COOPERATION, managed_by=partnership,
        revision_due=day + calendar.days(390))
    cooperation.topics.set([topics[1], topics[12]])
    in_force = datetime.date(pm_first.date.year + 1, 1, 1)
    if not cooperation.versions.exists():
        _first_version(cooperation, COOPERATION_AGREEMENT, pm_first,
                       f"PM-sak 3/{pm_first.date.year}", in_force, staff)
        _amend(cooperation, pm_reading, pm_adopting, staff)

    for number, title, body, revision_due, topic_numbers, sections in SUB_AGREEMENTS:
        agreement = _agreement(number, title, Agreement.Kind.SUB_AGREEMENT, parent=cooperation,
                               managed_by=Body.objects.get(short_name=body),
                               revision_due=day + calendar.days(revision_due))
        agreement.topics.set([topics[n] for n in topic_numbers])
        if not agreement.versions.exists():
            _first_version(agreement, sections, pm_first, f"PM-sak 4/{pm_first.date.year}",
                           in_force, staff)
    for meeting in [pm_first, pm_reading, pm_adopting]:
        _mark_held(meeting)

    municipality = Organisation.objects.get(number=WITHDRAWING)
    if not Withdrawal.objects.filter(municipality=municipality).exists():
        services.record_withdrawal(
            municipality, notice_on=day - calendar.days(260),
            reference=f"Træna kommunestyre sak 14/{(day - calendar.days(260)).year}",
            document=SimpleUploadedFile("oppsigelse-traena.pdf", NOTICE_PDF),
            acting_user=staff)
    return {"cooperation": cooperation}
