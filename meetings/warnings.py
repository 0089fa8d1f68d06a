"""Rule warnings for the secretariat, gathered in a fixed number of queries for all bodies."""

import dataclasses
import datetime
from collections import Counter, defaultdict

from django.db.models import Count, Max
from django.db.models.functions import ExtractYear
from django.utils import timezone

from . import secretariat
from .body_rules import composition_warnings, term_warnings
from .models import Body, ChairTerm, Meeting, MeetingPlan, Seat
from .rules import BodyFacts, body_warnings


def collect_facts(bodies, today, current_seats):
    """[(body, BodyFacts)]. current_seats (body pk -> [Seat] held today) are the seats
    warnings_for has loaded; the permanent members per side are counted from them."""
    bodies = list(bodies)
    if not bodies:
        return []
    ids = [body.pk for body in bodies]
    years = [today.year, today.year + 1]
    adopted = defaultdict(dict)
    for plan in MeetingPlan.objects.filter(body__in=ids, year__in=years):
        adopted[plan.body_id][plan.year] = plan.adopted_in_time
    counts, last = defaultdict(dict), defaultdict(dict)
    zone = timezone.get_current_timezone()
    # A range on starts_at (indexed), not a filter on the computed year, which reads every
    # meeting of every year.
    rows = (Meeting.objects.active().filter(
                body__in=ids,
                starts_at__gte=datetime.datetime(years[0], 1, 1, tzinfo=zone),
                starts_at__lt=datetime.datetime(years[-1] + 1, 1, 1, tzinfo=zone))
            .annotate(year=ExtractYear("starts_at", tzinfo=zone)).values("body", "year")
            .annotate(count=Count("pk"), last=Max("starts_at")))
    for row in rows:
        counts[row["body"]][row["year"]] = row["count"]
        last[row["body"]][row["year"]] = timezone.localtime(row["last"]).date()
    unsent = defaultdict(list)
    for meeting in (Meeting.objects.filter(body__in=ids, status=Meeting.Status.PLANNED,
                                           starts_at__gte=timezone.now())
                    .select_related("body").order_by("starts_at")):
        unsent[meeting.body_id].append((meeting.date, meeting.notice_due))
    members = {body.pk: Counter(seat.side for seat in current_seats[body.pk]
                                if seat.role == Seat.Role.MEMBER) for body in bodies}
    return [
        (body, BodyFacts(
            name=body.name, kind=body.kind, meetings_per_year=body.meetings_per_year,
            max_meetings_per_year=body.max_meetings_per_year,
            notice_min_days=body.notice_min_days, plan_adopted=adopted[body.pk],
            meetings_in_year=counts[body.pk], last_meeting_date=last[body.pk],
            unsent_notices=unsent[body.pk], action_plan_revised_on=body.action_plan_revised_on,
            trust_members=body.trust_members, municipal_members=body.municipal_members,
            members_by_side=members[body.pk], shares_programme=body.programme_of_id is not None,
            count_rule=body.kind_rules.count_rule, plans_meetings=body.kind_rules.plans_meetings,
        ))
        for body in bodies
    ]


# What term_warnings and composition_warnings read of a seat.
SEAT_FIELDS = ("body", "role", "side", "appointed_by", "represents", "starts_on", "ends_on",
               "holder__name")
# No rule here reads the deputies' seats (on the trust's list and personal): not loaded.
DEPUTY_ROLES = (Seat.Role.PERSONAL_DEPUTY, Seat.Role.LIST_DEPUTY)


def warnings_for(bodies, today=None):
    """[(body, [Warning, …])] for the bodies that have any."""
    today = today or timezone.localdate()
    bodies = list(bodies)
    seats, current, terms = defaultdict(list), defaultdict(list), defaultdict(list)
    # Current and future seats and terms, and those that ended lately: a successor may be
    # missing.
    lately = today - datetime.timedelta(days=366)
    # Only the seats and columns the rules read: hundreds of seats, each with its holder, and
    # the timestamps and contact details of both cost more to load than the rules to run.
    for seat in (Seat.objects.filter(body__in=bodies).exclude(ends_on__lt=lately)
                 .exclude(role__in=DEPUTY_ROLES).select_related("holder").only(*SEAT_FIELDS)):
        seats[seat.body_id].append(seat)
        if seat.held_on(today):
            current[seat.body_id].append(seat)
    for term in (ChairTerm.objects.filter(body__in=bodies).exclude(ends_on__lt=lately)
                 .select_related("person")):
        terms[term.body_id].append(term)
    result = []
    for body, facts in collect_facts(bodies, today, current):
        found = [dataclasses.replace(warning,
                                     citation=warning.citation or body.cite(warning.rule))
                 for warning in (body_warnings(facts, today)
                                 + term_warnings(body, seats[body.pk], terms[body.pk], today)
                                 + composition_warnings(body, current[body.pk]))]
        if body.kind == Body.Kind.SECRETARIAT:
            found += secretariat.status(body, today).warnings  # R-SEK-1 to R-SEK-3
        if found:
            result.append((body, found))
    return result


def all_warnings(today=None):
    return warnings_for(Body.objects.all(), today)
