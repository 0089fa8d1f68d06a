"""The meeting rules of DOMAIN.md § 3 as plain functions (no database access); their default
values per kind of body are in meetings.kinds."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


def side_phrase(side):
    """«the hospital trust» / «the municipalities», for use inside a sentence."""
    return _("the hospital trust") if side == "trust" else _("the municipalities")


def other_side(side):
    return "trust" if side == "municipalities" else "municipalities"


def next_chair_side(previous_sides):
    """The side whose turn it is to chair (R-SSU-14), given earlier chairs' sides oldest first.

    Each chair term covers two years, so the next term goes to the other side of the last one.
    Returns None when there is no earlier chair to alternate from.
    """
    return other_side(previous_sides[-1]) if previous_sides else None


def breaks_chair_alternation(previous_sides, chosen_side):
    """True when choosing `chosen_side` as the next chair breaks the alternation (R-SSU-14)."""
    expected = next_chair_side(previous_sides)
    return expected is not None and chosen_side != expected


def case_is_late(submitted_on, meeting_date, deadline_days):
    """A case submitted after the deadline needs the chair's approval (R-SSU-4). Counted from
    the day it was submitted, not the day the secretariat placed it."""
    return submitted_on > meeting_date - datetime.timedelta(days=deadline_days)


def notice_is_late(sent_on, meeting_date, notice_days):
    """The notice went out later than the body's window allows (R-PM-3, R-SSU-12)."""
    return sent_on > meeting_date - datetime.timedelta(days=notice_days)


def notice_is_early(sent_on, meeting_date, max_days):
    """The notice went out earlier than the body's window allows (R-PM-3: at most 21 days)."""
    return sent_on < meeting_date - datetime.timedelta(days=max_days)


def plan_adopted_in_time(adopted_on, year):
    """A plan counts as adopted before its year only if adopted before 1 January (R-SSU-2)."""
    return adopted_on is not None and adopted_on < datetime.date(year, 1, 1)


def extraordinary_notice_too_short(today, meeting_date, notice_days):
    """An extraordinary meeting needs at least `notice_days` of notice (R-SSU-12)."""
    return (meeting_date - today).days < notice_days


@dataclass(frozen=True)
class Warning:
    rule: str  # the rule ID, for code and tests
    message: str
    citation: str = ""  # the rule as the body's agreement states it, for people


@dataclass
class BodyFacts:
    """What the warnings need to know about one body, gathered by meetings.warnings."""

    name: str
    kind: str
    meetings_per_year: int
    max_meetings_per_year: int | None
    notice_min_days: int
    plan_adopted: dict = field(default_factory=dict)  # year -> bool
    meetings_in_year: dict = field(default_factory=dict)  # year -> count (not cancelled)
    last_meeting_date: dict = field(default_factory=dict)  # year -> date
    unsent_notices: list = field(default_factory=list)  # (meeting date, notice due date)
    action_plan_revised_on: datetime.date | None = None
    trust_members: int = 0
    municipal_members: int = 0
    members_by_side: dict = field(default_factory=dict)  # side -> current permanent members
    shares_programme: bool = False
    count_rule: str = "R-PM-1"  # the rule ID of the yearly number of meetings of its kind
    plans_meetings: bool = True  # its kind adopts a yearly meeting plan


PLAN_ADOPTION_FROM_MONTH = 9  # remind about next year's plan from September


def body_warnings(facts, today):
    """The rule warnings for one body on `today`, each naming its rule."""
    warnings = []
    year = today.year
    name = facts.name
    if facts.plans_meetings and not facts.shares_programme:
        if not facts.plan_adopted.get(year):
            warnings.append(Warning("R-SSU-2", _(
                "%(body)s: the meeting plan for %(year)s was not adopted before the year "
                "started.") % {"body": name, "year": year}))
        if today.month >= PLAN_ADOPTION_FROM_MONTH and not facts.plan_adopted.get(year + 1):
            warnings.append(Warning("R-SSU-2", _(
                "%(body)s: the meeting plan for %(year)s must be adopted by 1 January.")
                % {"body": name, "year": year + 1}))
    planned = facts.meetings_in_year.get(year, 0)
    if planned < facts.meetings_per_year:
        warnings.append(Warning(facts.count_rule, _(
            "%(body)s: %(planned)s meetings planned in %(year)s, the rule asks for at least "
            "%(wanted)s.") % {"body": name, "planned": planned, "year": year,
                              "wanted": facts.meetings_per_year}))
    if facts.max_meetings_per_year is not None and planned > facts.max_meetings_per_year:
        warnings.append(Warning(facts.count_rule, _(
            "%(body)s: %(planned)s meetings planned in %(year)s, the rule allows at most "
            "%(wanted)s.") % {"body": name, "planned": planned, "year": year,
                              "wanted": facts.max_meetings_per_year}))
    last = facts.last_meeting_date.get(year)
    if (facts.kind == "partnership" and last is not None and last <= today
            and not facts.meetings_in_year.get(year + 1)):
        warnings.append(Warning("R-PM-2", _(
            "%(body)s: the date of the meeting in %(year)s has not been set; it should be set "
            "at this year's meeting.") % {"body": name, "year": year + 1}))
    for meeting_date, due in facts.unsent_notices:
        if due <= today + datetime.timedelta(days=3):
            warnings.append(Warning("R-PM-3", _(
                "%(body)s: the notice of the meeting on %(date)s must be sent by %(due)s.")
                % {"body": name, "date": meeting_date.strftime("%d.%m.%Y"),
                   "due": due.strftime("%d.%m.%Y")}))
    if facts.kind == "fsu" and (facts.action_plan_revised_on is None
                                or facts.action_plan_revised_on
                                < today - datetime.timedelta(days=366)):
        warnings.append(Warning("R-FSU-1", _(
            "%(body)s: the action plan has not been revised in the last year.")
            % {"body": name}))
    wanted = {"trust": facts.trust_members, "municipalities": facts.municipal_members}
    for side, count in wanted.items():
        if count and facts.members_by_side.get(side, 0) != count:
            warnings.append(Warning("R-SSU-13", _(
                "%(body)s: %(held)s permanent members for %(side)s, the rule asks for "
                "%(wanted)s.") % {"body": name, "held": facts.members_by_side.get(side, 0),
                                  "side": side_phrase(side), "wanted": count}))
    return warnings
