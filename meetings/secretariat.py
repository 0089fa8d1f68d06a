"""The secretariat as a body (DOMAIN.md § 3, R-SEK-1 to R-SEK-4).

Its members are seats like any body's: from the trust and from the municipalities, the
municipal ones appointed by the regional councils (R-SEK-1). Its lead alternates between the
trust and the municipalities for a term at a time (R-SEK-2, the term is the body's chair term,
two years by default); where one municipal member carries the extended coordinator role, the
role goes round the regional councils (R-SEK-3). The product proposes whose turn it is and
warns when the rotation is broken or a term has run out.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.history import save_by
from members.models import Organisation

from .models import Body, Seat, SecretariatTerm
from .rules import Warning, next_chair_side, side_phrase

LEAD, COORDINATOR = SecretariatTerm.Role.LEAD, SecretariatTerm.Role.COORDINATOR


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def term_end(starts_on, term_years):
    """The first day after a term of `term_years` that started on `starts_on`."""
    return add_years(starts_on, term_years)


def next_lead_side(previous_sides):
    """R-SEK-2: the lead goes to the other side than the last one's (None: no lead yet)."""
    return next_chair_side(previous_sides)


def next_coordinator_council(councils, previous):
    """R-SEK-3: the regional council whose turn it is, given the councils in their order and
    the councils of earlier coordinator terms oldest first: one that never had the role, else
    the one whose last turn lies furthest back."""
    if not councils:
        return None
    last_turn = {council: index for index, council in enumerate(previous)}
    return min(councils, key=lambda council: (last_turn.get(council, -1),
                                              councils.index(council)))


@dataclass
class SecretariatStatus:
    lead: SecretariatTerm | None
    coordinator: SecretariatTerm | None
    next_lead_side: str | None
    next_council: Organisation | None
    members: dict  # side -> [Seat]
    councils_without_member: list
    warnings: list = field(default_factory=list)


def _terms(body, role):
    return [term for term in body.secretariat_terms.all() if term.role == role]


def _current(terms, day):
    for term in reversed(terms):
        if term.starts_on <= day and (term.ends_on is None or term.ends_on > day):
            return term
    return None


def status(body, today):
    """Where the secretariat stands on `today`: members, lead, coordinator, whose turn it is
    next, and the rule warnings (R-SEK-1 to R-SEK-3)."""
    body = (Body.objects.prefetch_related("secretariat_terms__person",
                                          "secretariat_terms__council").get(pk=body.pk))
    seats = list(Seat.objects.current(today).filter(body=body, role=Seat.Role.MEMBER)
                 .select_related("holder", "appointed_by").order_by("side", "holder__name"))
    members = {side: [seat for seat in seats if seat.side == side] for side in Seat.Side.values}
    councils = list(Organisation.objects.regional_councils().order_by("name"))
    appointing = {seat.appointed_by_id for seat in members[Seat.Side.MUNICIPALITIES]}
    leads, coordinators = _terms(body, LEAD), _terms(body, COORDINATOR)
    lead, coordinator = _current(leads, today), _current(coordinators, today)
    past_coordinators = [term.council for term in coordinators if term.starts_on <= today]
    result = SecretariatStatus(
        lead=lead, coordinator=coordinator,
        next_lead_side=next_lead_side([term.side for term in leads if term.starts_on <= today]),
        next_council=next_coordinator_council(councils, past_coordinators),
        members=members,
        councils_without_member=[c for c in councils if c.pk not in appointing])
    result.warnings = _warnings(body, result, today, has_coordinators=bool(coordinators))
    return result


def _warnings(body, state, today, *, has_coordinators):
    found = []
    for side in (Seat.Side.TRUST, Seat.Side.MUNICIPALITIES):
        if not state.members[side]:
            found.append(Warning("R-SEK-1", _("%(body)s has no member from %(side)s.") % {
                "body": body, "side": side_phrase(side)}))
    # Where the councils appoint the municipal members (R-SEK-1: one each in Møre og Romsdal),
    # every council should have one; where no council appoints (Helgeland's two leads), none.
    appointed = any(seat.appointed_by_id for seat in state.members[Seat.Side.MUNICIPALITIES])
    for council in state.councils_without_member if appointed else []:
        found.append(Warning("R-SEK-1", _("%(body)s has no member appointed by %(council)s.")
                             % {"body": body, "council": council}))
    found += _term_warnings(body, state.lead, today, "R-SEK-2", MESSAGES[LEAD])
    if has_coordinators:
        found += _term_warnings(body, state.coordinator, today, "R-SEK-3",
                                MESSAGES[COORDINATOR])
    return [Warning(w.rule, w.message, body.cite(w.rule)) for w in found]


MESSAGES = {
    LEAD: (gettext_lazy("%(body)s has no lead now."),
           gettext_lazy("%(body)s: the lead's term of %(person)s ran out on %(date)s; appoint the "
                 "next lead.")),
    COORDINATOR: (gettext_lazy("%(body)s has no municipal coordinator now."),
                  gettext_lazy("%(body)s: the coordinator's term of %(person)s ran out on "
                               "%(date)s; appoint the next coordinator.")),
}


def _term_warnings(body, term, today, rule, messages):
    nobody, ran_out = messages
    if term is None:
        return [Warning(rule, nobody % {"body": body})]
    ends = term.ends_on or term_end(term.starts_on, body.chair_term_years)
    if ends <= today:
        return [Warning(rule, ran_out % {
            "body": body, "person": term.person,
            "date": (ends - datetime.timedelta(days=1)).strftime("%d.%m.%Y")})]
    return []


@transaction.atomic
def appoint(body, *, role, seat, starts_on, acting_user):
    """Give a member of the secretariat the lead or the coordinator role from `starts_on`.
    The current holder's term ends that day. Returns (term, warning or None): the warning says
    when the choice breaks the rotation (R-SEK-2, R-SEK-3)."""
    if body.kind != Body.Kind.SECRETARIAT:
        raise ValidationError(_("Only a secretariat has a lead and a coordinator."))
    if seat.body_id != body.pk or seat.role != Seat.Role.MEMBER:
        raise ValidationError(_("Choose a member of the secretariat."))
    if role == COORDINATOR and (seat.side != Seat.Side.MUNICIPALITIES or not seat.appointed_by):
        raise ValidationError(_("The coordinator is a municipal member appointed by a regional "
                                "council (%(rule)s).") % {"rule": body.cite("R-SEK-3")})
    terms = list(body.secretariat_terms.select_for_update().filter(role=role)
                 .order_by("starts_on"))
    if terms and terms[-1].starts_on >= starts_on:
        raise ValidationError(_("The new term must start after %(date)s, when the last one "
                                "started.") % {"date": terms[-1].starts_on.strftime("%d.%m.%Y")})
    warning = None
    if role == LEAD:
        expected = next_lead_side([term.side for term in terms])
        if expected and seat.side != expected:
            warning = _("By the rotation the lead should now come from %(side)s (%(rule)s).") % {
                "side": side_phrase(expected), "rule": body.cite("R-SEK-2")}
    else:
        councils = list(Organisation.objects.regional_councils().order_by("name"))
        expected = next_coordinator_council(councils, [term.council for term in terms])
        if expected and seat.appointed_by_id != expected.pk:
            warning = _("By the rotation the coordinator role should now go to %(council)s "
                        "(%(rule)s).") % {"council": expected, "rule": body.cite("R-SEK-3")}
    if terms and (terms[-1].ends_on is None or terms[-1].ends_on > starts_on):
        terms[-1].ends_on = starts_on
        save_by(terms[-1], acting_user)
    term = SecretariatTerm(body=body, role=role, person=seat.holder, side=seat.side,
                           council=seat.appointed_by if role == COORDINATOR else None,
                           starts_on=starts_on)
    return save_by(term, acting_user), warning
