"""Builders for agreements tests: partnership meetings, agreements with adopted versions."""

import datetime
import itertools

from agreements import services
from agreements.models import Agreement
from tests.meetings.factories import at, make_body, make_meeting

_numbers = itertools.count(1)


def partnership_body():
    return make_body("partnership", f"Partnerskapsmøtet {next(_numbers)}")


def pm_meeting(body, year, month=10, day=15):
    return make_meeting(body, at(year, month, day, 9))


def make_agreement(number=None, *, kind=Agreement.Kind.COOPERATION, **fields):
    return Agreement.objects.create(number=number or f"Avtale {next(_numbers)}",
                                    title=fields.pop("title", "Samarbeidsavtale"), kind=kind,
                                    **fields)


def adopt(agreement, sections, meeting, user, *, in_force_from, statutes=False,
          first_reading=None, reference="PM-sak 1"):
    """A proposal with these (number, heading, text) sections, adopted at `meeting`."""
    proposal = services.create_proposal(agreement, title=f"Endring {next(_numbers)}",
                                        changes_statutes=statutes, acting_user=user)
    for number, heading, text in sections:
        services.save_proposed_section(proposal, number=number, heading=heading, text=text,
                                       remove=text is None, acting_user=user)
    if first_reading is not None:
        services.put_on_meeting(proposal, first_reading, acting_user=user)
        services.record_first_reading(proposal, acting_user=user)
    return services.adopt_proposal(proposal, meeting=meeting, adopted_by_consensus=True,
                                   in_force_from=in_force_from, decision_reference=reference,
                                   acting_user=user)


def agreement_with_versions(user, count, *, body=None):
    """An agreement with `count` versions, each changing § 2; version 1 from 1.1.2020."""
    body = body or partnership_body()
    agreement = make_agreement()
    base = [("1", "Formål", "<p>Formålet er samarbeid.</p>"),
            ("2", "Oppgaver", "<p>Versjon 1 av oppgavene.</p>"),
            ("3", "Budsjett", "<p>Ingen eget budsjett.</p>")]
    adopt(agreement, base, pm_meeting(body, 2019), user,
          in_force_from=datetime.date(2020, 1, 1))
    for index in range(2, count + 1):
        adopt(agreement, [("2", "Oppgaver", f"<p>Versjon {index} av oppgavene.</p>")],
              pm_meeting(body, 2019 + index), user,
              in_force_from=datetime.date(2019 + index, 1, 1))
    return agreement
