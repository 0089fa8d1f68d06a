"""Rule warnings for the secretariat, gathered in a fixed number of queries for all bodies."""

import dataclasses
import datetime
import typing
from collections import Counter, defaultdict

from django.db import transaction
from django.db.models import Count, F, Max
from django.db.models.functions import ExtractYear
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation

from common import history
from common.compiled import CompiledQuery
from common.links import url_filler
from members.models import Organisation, Person

from . import secretariat
from .body_rules import composition_warnings, term_warnings
from .models import (
    Body,
    ChairTerm,
    Meeting,
    MeetingPlan,
    Seat,
    SecretariatTerm,
    StoredWarnings,
)
from .rules import BodyFacts, Warning, body_warnings


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
    # From the start of the day: the warnings are the day's (current_warnings).
    for meeting in (Meeting.objects.filter(body__in=ids, status=Meeting.Status.PLANNED,
                                           starts_at__gte=datetime.datetime.combine(
                                               today, datetime.time(), tzinfo=zone))
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


@dataclasses.dataclass(frozen=True, slots=True)
class SeatRow:
    """What term_warnings and composition_warnings read of a seat, as plain values: hundreds
    of seats built as model instances, each with its holder, cost more than the rules."""

    Role: typing.ClassVar = Seat.Role
    body_id: int
    role: str
    side: str
    appointed_by_id: int | None
    represents: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    holder: str  # the holder's name

    held_on = Seat.held_on

    def get_side_display(self):
        return Seat.Side(self.side).label


SEAT_FIELDS = ("body_id", "role", "side", "appointed_by_id", "represents", "starts_on",
               "ends_on", "holder__name")
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
    for row in (Seat.objects.filter(body__in=bodies).exclude(ends_on__lt=lately)
                .exclude(role__in=DEPUTY_ROLES).values_list(*SEAT_FIELDS)):
        seat = SeatRow(*row)
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


# The one row of StoredWarnings, and the length of each body's entry in it: [pk, name,
# warnings].
STORED = 1
BODY_ENTRY = 3


# The stored row as values, compiled once (common.compiled): every secretariat start page and
# body page reads it.
stored_row = CompiledQuery(lambda: StoredWarnings.objects.filter(pk=STORED).values_list(
    "generation", "worked_out", "day", "language", "warnings", named=True))


class BodyWarnings(typing.NamedTuple):
    body_id: int
    name: str
    url: str
    warnings: list


def current_warnings(today=None, body_id=None):
    """[BodyWarnings] of every body with warnings on `today` (or of the body `body_id` only),
    most often as stored.

    Working them out reads every body's seats, terms, plans and meetings, many times the cost
    of the page that shows them; they change only when that data does, or the day. So they
    are worked out once after each change (data_changed) or on a new day, and kept.
    """
    today = today or timezone.localdate()
    language = translation.get_language() or ""
    rows = stored_row()
    stored = rows[0] if rows else None
    # A row that a process of the version before stored (without the bodies' names, while
    # both ran during a deployment) is worked out again, as if out of date.
    if stored and (stored.worked_out, stored.day, stored.language) == (
            stored.generation, today, language) and all(
            len(entry) == BODY_ENTRY for entry in stored.warnings):
        found = stored.warnings
    else:
        found = [[body.pk, str(body),
                  [[str(w.rule), str(w.message), str(w.citation)] for w in warnings]]
                 for body, warnings in all_warnings(today)]
        if stored:
            # Kept only if no change was committed since the generation was read before the
            # data: otherwise the row stays out of date, or holds what a later page worked out.
            StoredWarnings.objects.filter(pk=STORED, generation=stored.generation).update(
                worked_out=stored.generation, day=today, language=language, warnings=found)
        else:  # a new database: the row is made here or by the first change counted
            StoredWarnings.objects.bulk_create([StoredWarnings(
                pk=STORED, worked_out=0, day=today, language=language, warnings=found)],
                ignore_conflicts=True)
    body_url = url_filler("meetings:body", 1)
    # One body's page makes its own warnings only, not every body's.
    return [BodyWarnings(pk, name, body_url(pk), [Warning(*warning) for warning in warnings])
            for pk, name, warnings in found if body_id is None or pk == body_id]


def data_changed():
    """What the warnings are worked out from has changed: the stored ones are out of date.
    Counted after the change is committed, so that warnings worked out from the data before
    it cannot be kept as current."""
    transaction.on_commit(_count_change)


def _count_change():
    if not StoredWarnings.objects.filter(pk=STORED).update(generation=F("generation") + 1):
        StoredWarnings.objects.bulk_create([StoredWarnings(pk=STORED, generation=1)],
                                           ignore_conflicts=True)


# The models whose rows the warnings are worked out from (warnings_for, collect_facts and
# secretariat.status), and the names of their holders.
SOURCES = (Body, Seat, ChairTerm, Meeting, MeetingPlan, SecretariatTerm, Person, Organisation)


def _source_changed(sender, **kwargs):
    data_changed()


for _source in SOURCES:
    for _signal in (post_save, post_delete, history.created_in_bulk):
        _signal.connect(_source_changed, sender=_source, dispatch_uid="meetings_warnings")
