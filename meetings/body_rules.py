"""The bodies' own rules about who sits in them and for how long: terms (R-SSU-14,
R-LSU-1), the dialogue meeting's composition (R-DM-2), SSU's observers (R-SSU-15) and who is
responsible for the dialogue meeting's programme and notice (R-DM-3). Plain functions over
seats and chair terms already loaded: no database access."""

import datetime
import re

from django.utils.translation import gettext as _

from .kinds import rules_reference
from .rules import Warning

# How long before a term ends the secretariat is reminded to find the successor.
SUCCESSOR_NOTICE = datetime.timedelta(days=90)

FIXED_MEMBER_TERMS = {"lsu"}


def _plus_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _date(day):
    return day.strftime("%d.%m.%Y")


def _member_terms(body):
    statement = _("members serve %(years)s-year terms") % {"years": body.member_term_years}
    reference = rules_reference(body)
    return f"{reference}: {statement}" if reference else statement


def _member_rule(body):
    # LSU's agreement states the members' term (R-LSU-1); elsewhere the term is one of the
    # terms R-SSU-14's alternation is counted in.
    return "R-LSU-1" if body.kind in FIXED_MEMBER_TERMS else "R-SSU-14"


def _ending_without_successor(terms, position, today):
    """The terms (chair terms or seats) that end within SUCCESSOR_NOTICE, or have ended, with
    no term for the same position starting when they end."""
    return [term for term in terms
            if term.ends_on is not None and term.ends_on <= today + SUCCESSOR_NOTICE
            and not any(position(other) == position(term) and other.starts_on >= term.ends_on
                        for other in terms)]


def _seat_position(seat):
    # A successor takes the same kind of seat for the same side, appointed by the same council.
    return seat.role, seat.side, seat.appointed_by_id


def term_warnings(body, seats, chair_terms, today):
    """Terms longer than the body allows, and chair terms and members' seats ending with no
    successor (R-SSU-14: chair_term_years and member_term_years; R-LSU-1: LSU's members serve
    four years). `seats` holds the current seats and those starting later or ended lately."""
    found = []
    for term in chair_terms:
        if (term.ends_on or today) > _plus_years(term.starts_on, body.chair_term_years):
            found.append(Warning("R-SSU-14", _(
                "%(body)s: %(person)s's term as %(role)s from %(start)s runs past the "
                "%(years)s years a term lasts.") % {
                "body": body, "person": term.person, "role": term.get_role_display().lower(),
                "start": _date(term.starts_on), "years": body.chair_term_years}))
    for term in _ending_without_successor(chair_terms, lambda term: term.role, today):
        found.append(Warning("R-SSU-14", _(
            "%(body)s: the %(role)s's term ends %(end)s and no successor is recorded.") % {
            "body": body, "role": term.get_role_display().lower(), "end": _date(term.ends_on)}))
    members = [seat for seat in seats if seat.role == seat.Role.MEMBER]
    for seat in members:
        if seat.ends_on is not None and seat.ends_on <= today:
            continue  # ended: only its successor is in question
        # An open-ended seat is a standing appointment, except in a body whose members serve
        # fixed terms (R-LSU-1).
        end = seat.ends_on or (today if body.kind in FIXED_MEMBER_TERMS else None)
        if end is not None and end > _plus_years(seat.starts_on, body.member_term_years):
            found.append(Warning(_member_rule(body), _(
                "%(body)s: %(person)s has held the seat since %(start)s, longer than the "
                "%(years)s years a member's term lasts.") % {
                "body": body, "person": seat.holder, "start": _date(seat.starts_on),
                "years": body.member_term_years}, citation=_member_terms(body)))
    for seat in _ending_without_successor(members, _seat_position, today):
        if seat.ends_on <= today:
            message = _("%(body)s: %(person)s's seat as a member (%(side)s) ended %(end)s and "
                        "no successor is recorded.")
        else:
            message = _("%(body)s: %(person)s's seat as a member (%(side)s) ends %(end)s and "
                        "no successor is recorded.")
        found.append(Warning(_member_rule(body), message % {
            "body": body, "person": seat.holder, "side": seat.get_side_display().lower(),
            "end": _date(seat.ends_on)}, citation=_member_terms(body)))
    return found


def _represents(seat, group):
    return seat.role in group.roles or (seat.role == seat.Role.OBSERVER and any(
        re.search(rf"\b{re.escape(word)}", seat.represents, re.IGNORECASE)
        for word in group.words))


def composition_warnings(body, seats):
    """Who is missing from the dialogue meeting (R-DM-2) or among SSU's observers
    (R-SSU-15)."""
    found = []
    roles = {(seat.role, seat.side) for seat in seats}
    if body.kind == "dialogue":
        wanted = [
            (("member", "trust"), _("the hospital trust's board chair as a member")),
            (("member", "municipalities"), _("the mayors as members")),
            (("observer", "other"), _("a user representative with right to speak")),
        ]
        for key, what in wanted:
            if key not in roles:
                found.append(Warning("R-DM-2", _("%(body)s: no seat for %(what)s.") % {
                    "body": body, "what": what}))
        if not any(seat.role == seat.Role.LISTENER for seat in seats):
            found.append(Warning("R-DM-2", _(
                "%(body)s: no listeners invited (the chief executives, the trust's CEO, the "
                "SSU chair and SSU's observers).") % {"body": body}))
    for group in body.kind_rules.observers:  # R-SSU-15
        held = sum(_represents(seat, group) for seat in seats)
        if held == 0:
            found.append(Warning("R-SSU-15", _("%(body)s: no observer seat for %(what)s.") % {
                "body": body, "what": group.what}))
        elif held < group.count:
            found.append(Warning("R-SSU-15", _(
                "%(body)s: %(held)s of the %(count)s observer seats for %(what)s are "
                "held.") % {"body": body, "held": held, "count": group.count,
                            "what": group.what}))
    return found
