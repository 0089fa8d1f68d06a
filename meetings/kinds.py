"""Body kinds and the rules each brings, as data (DOMAIN.md § 1 and § 3).

One table: every kind names the agreement and section its default rules come from, so that a
warning or a refusal can cite the partnership's own text («Samarbeidsavtalen § 4-3: saker meldes
senest 4 uker før møtet») while the code and the tests keep the rule IDs. A body may override
both its rule values and the reference (its partnership's agreement numbers differ); a value left
blank takes its kind's default.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class BodyKind(models.TextChoices):
    PARTNERSHIP = "partnership", _("Partnership meeting")
    DIALOGUE = "dialogue", _("Dialogue meeting")
    SSU = "ssu", _("Strategic cooperation committee (SSU)")
    OVERARCHING = "overarching", _("Overarching committee (OSU, OSS)")
    LSU = "lsu", _("Local committee (LSU)")
    FSU = "fsu", _("Professional committee (FSU)")
    OWNERS = "owners", _("Owners' or mayors' meeting")
    BOARD = "board", _("Board (samarbeidsstyre)")
    NETWORK = "network", _("Network or professional council (fagråd, helsenettverk)")
    WORKING_GROUP = "working_group", _("Working group")
    SECRETARIAT = "secretariat", _("Secretariat")
    OTHER = "other", _("Other body")


@dataclass(frozen=True)
class Agreement:
    """An agreement that sets bodies' rules: how people cite it, and its full title."""

    cited_as: str
    title: str


# The agreements the defaults come from. Helgeland's is the fullest text (seed 003); the others
# describe the kinds Helgeland does not have.
HELGELAND = Agreement("Samarbeidsavtalen",
                      "Samarbeidsavtale mellom kommunene på Helgeland og Helgelandssykehuset HF")
MORE_OG_ROMSDAL = Agreement(
    "Samarbeidsavtalen", "Samarbeidsavtale mellom kommunene i Møre og Romsdal og "
                         "Helse Møre og Romsdal HF (2021)")
KHS_26 = Agreement("Samarbeidsavtalen for KHS",
                   "Samarbeidsavtale mellom de 26 kommunene i Kommunehelsesamarbeidet")
VESTRE_VIKEN = Agreement("Overordnet samarbeidsavtale",
                         "Overordnet samarbeidsavtale mellom kommunene og Vestre Viken HF")


@dataclass(frozen=True)
class ObserverGroup:
    """A group the agreement gives seats as observers with right to speak: how many, and the
    words (starts of words) that recognise it in a seat's «represents»."""

    what: str
    count: int
    words: tuple
    # Seats in these roles count too, whatever they represent: the secretariat's leads sit in
    # the body in their own role rather than as observers.
    roles: tuple = ()


# Samarbeidsavtalen § 4-3 (R-SSU-15). Counts as the agreement gives them («1+1» is one from each
# side); where it names a group without a number, at least one.
HELGELAND_SSU_OBSERVERS = (
    ObserverGroup(_("employee representatives"), 2,
                  ("employee", "ansatt", "tillitsvalgt", "arbeidstaker")),
    ObserverGroup(_("user representatives"), 2, ("user", "bruker")),
    ObserverGroup(_("a GP"), 1, ("gp", "fastlege", "praksiskonsulent")),
    ObserverGroup(_("the secretariat leads"), 1, ("secretariat", "sekretariat"),
                  roles=("secretariat",)),
    ObserverGroup(_("KS"), 1, ("ks", "kommunesektor")),
    ObserverGroup(_("the county governor"), 1,
                  ("county governor", "statsforvalter", "fylkesmann")),
    ObserverGroup(_("the universities"), 1, ("universit", "høgskole", "college")),
)

_COMMON = {
    "max_meetings_per_year": None,
    "case_deadline_days": 28,
    "notice_min_days": 14,
    "notice_max_days": 28,
    "extraordinary_notice_days": 7,  # R-SSU-12
    "objection_hours": 96,  # R-SSU-10
    "publication_days": 7,  # R-SSU-11, R-PM-6
    "decision_mode": "vote",
    "trust_members": 0,
    "municipal_members": 0,
    "chair_alternates": False,
    "chair_term_years": 2,
    "member_term_years": 4,
}


@dataclass(frozen=True)
class KindRules:
    """What a kind of body brings: its default rules and where they are written."""

    agreement: Agreement
    section: str
    rules: dict
    # Kinds this kind reports to; a body of this kind must name one as its parent. Empty: it may
    # report to any body or to none.
    reports_to: tuple = ()
    has_region: bool = False  # its municipal side is one regional council's municipalities
    time_limited: bool = False  # has a mandate, an end date and the decision that set it up
    count_rule: str = "R-PM-1"  # the rule ID of its yearly number of meetings
    plans_meetings: bool = True  # adopts a yearly meeting plan (R-SSU-2)
    observers: tuple = ()  # the ObserverGroups the agreement names for it (R-SSU-15)

    @property
    def reference(self):
        return f"{self.agreement.cited_as} {self.section}".strip()

    def defaults(self):
        return {**_COMMON, **self.rules}


KINDS = {
    BodyKind.PARTNERSHIP: KindRules(
        HELGELAND, "§ 4-2", {"meetings_per_year": 1, "notice_max_days": 21,  # R-PM-1, R-PM-3
                             "decision_mode": "consensus"}),  # R-PM-5
    BodyKind.DIALOGUE: KindRules(
        HELGELAND, "§ 4-1", {"meetings_per_year": 1, "max_meetings_per_year": 2,  # R-DM-1
                             "notice_max_days": 21, "decision_mode": "consensus"},
        count_rule="R-DM-1"),
    BodyKind.SSU: KindRules(
        HELGELAND, "§ 4-3", {"meetings_per_year": 4,  # R-SSU-1, R-SSU-4 (28 days)
                             "trust_members": 7, "municipal_members": 7,  # R-SSU-13
                             "chair_alternates": True},  # R-SSU-14
        count_rule="R-SSU-1", observers=HELGELAND_SSU_OBSERVERS),
    BodyKind.OVERARCHING: KindRules(
        VESTRE_VIKEN, "om OSU", {"meetings_per_year": 4, "trust_members": 7,
                                 "municipal_members": 7}, count_rule="R-SSU-1"),
    BodyKind.LSU: KindRules(
        MORE_OG_ROMSDAL, "om lokale samarbeidsutvalg", {"meetings_per_year": 4},  # R-LSU-1
        reports_to=(BodyKind.SSU, BodyKind.OVERARCHING), has_region=True, count_rule="R-LSU-1"),
    BodyKind.FSU: KindRules(
        MORE_OG_ROMSDAL, "om faglige samarbeidsutvalg",
        {"meetings_per_year": 2, "decision_mode": "advisory"},  # R-FSU-1
        reports_to=(BodyKind.SSU, BodyKind.OVERARCHING)),
    BodyKind.OWNERS: KindRules(
        KHS_26, "om eiermøtet", {"meetings_per_year": 1, "notice_max_days": 42,
                              "decision_mode": "vote"}),
    BodyKind.BOARD: KindRules(
        KHS_26, "om samarbeidsstyret", {"meetings_per_year": 4, "case_deadline_days": 14,
                                     "notice_min_days": 7, "notice_max_days": 21}),
    BodyKind.NETWORK: KindRules(
        MORE_OG_ROMSDAL, "om faglige samarbeidsråd", {"meetings_per_year": 3,
                                                   "decision_mode": "advisory"}),
    BodyKind.WORKING_GROUP: KindRules(
        MORE_OG_ROMSDAL, "om underutvalg", {"meetings_per_year": 1, "case_deadline_days": 7,
                                         "notice_min_days": 7, "notice_max_days": 21,
                                         "decision_mode": "advisory"},
        time_limited=True),
    BodyKind.SECRETARIAT: KindRules(
        HELGELAND, "§ 4-4", {"meetings_per_year": 0, "case_deadline_days": 7,
                             "notice_min_days": 2, "notice_max_days": 14,
                             "decision_mode": "consensus", "chair_alternates": True},
        plans_meetings=False),
    BodyKind.OTHER: KindRules(
        HELGELAND, "", {"meetings_per_year": 1, "case_deadline_days": 14,
                        "notice_min_days": 7, "notice_max_days": 21,
                        "decision_mode": "consensus"}),
}

RULE_DEFAULTS = {kind.value: rules.defaults() for kind, rules in KINDS.items()}


def kind_rules(kind):
    return KINDS[BodyKind(kind)]


def _duration(days):
    if days and days % 7 == 0:
        weeks = days // 7
        return ngettext("%(count)s week", "%(count)s weeks", weeks) % {"count": weeks}
    return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}


def _count(body):
    if body.max_meetings_per_year and body.max_meetings_per_year != body.meetings_per_year:
        return _("meets %(low)s to %(high)s times a year") % {
            "low": body.meetings_per_year, "high": body.max_meetings_per_year}
    return ngettext("meets at least %(count)s time a year", "meets at least %(count)s times "
                    "a year", body.meetings_per_year) % {"count": body.meetings_per_year}


# What each rule says, in the words of the body's own values. Keyed by rule ID.
STATEMENTS = {
    "R-PM-1": _count, "R-SSU-1": _count, "R-LSU-1": _count,
    "R-DM-1": lambda body: _("%(count)s, the same day as the partnership meeting") % {
        "count": _count(body)},
    "R-PM-2": lambda body: _("the date of next year's meeting is set at the meeting the year "
                             "before"),
    "R-PM-3": lambda body: _("notice, agenda and papers are sent %(low)s to %(high)s before the "
                             "meeting") % {"low": _duration(body.notice_min_days),
                                           "high": _duration(body.notice_max_days)},
    "R-PM-5": lambda body: _("decisions are made by consensus of those present"),
    "R-PM-6": lambda body: _("the minutes are sent to the participants at the latest %(time)s "
                             "after the meeting") % {"time": _duration(body.publication_days)},
    "R-SSU-2": lambda body: _("the meeting plan for each calendar year is adopted before the "
                              "year starts"),
    "R-SSU-4": lambda body: _("cases are submitted at the latest %(time)s before the meeting; "
                              "a later case needs the chair's approval") % {
        "time": _duration(body.case_deadline_days)},
    "R-SSU-6": lambda body: _("no decision is made on a case that was not notified and sent "
                              "out in advance"),
    "R-SSU-7": lambda body: _("only permanent members vote; a deputy only when standing in "
                              "for an absent member"),
    "R-SSU-9": lambda body: _("when a vote is not unanimous, the minutes record how each "
                              "member voted"),
    "R-SSU-10": lambda body: _("the minutes are deemed approved when nobody asked for changes "
                               "within %(hours)s hours") % {"hours": body.objection_hours},
    "R-SSU-11": lambda body: _("the minutes are public at the latest %(time)s after the "
                               "meeting") % {"time": _duration(body.publication_days)},
    "R-SSU-12": lambda body: _("an extraordinary meeting is called with at least %(time)s' "
                               "notice") % {"time": _duration(body.extraordinary_notice_days)},
    "R-SSU-13": lambda body: _("%(trust)s members from the hospital trust and %(municipal)s "
                               "from the municipalities, the municipal ones appointed by the "
                               "regional councils") % {"trust": body.trust_members,
                                                       "municipal": body.municipal_members},
    "R-SSU-14": lambda body: _("the chair alternates between the municipalities and the "
                               "hospital trust, %(years)s years each") % {
        "years": body.chair_term_years},
    "R-DM-2": lambda body: _("the hospital trust's board chair meets the mayors; a user "
                             "representative attends with right to speak; the chief "
                             "executives, the trust's CEO, the SSU chair and SSU's observers "
                             "are invited as listeners"),
    "R-SSU-15": lambda body: _("employee representatives, user representatives and a GP, "
                               "among others, attend as observers with right to speak"),
    "LSU-region": lambda body: _("its municipal members come from the municipalities of its "
                              "region"),
    "R-FSU-1": lambda body: _("it keeps an action plan that is revised every year"),
    "R-SEK-1": lambda body: _("it has members from both the hospital trust and the "
                              "municipalities"),
    "R-SEK-2": lambda body: _("it is led for %(years)s years at a time by the hospital trust "
                              "and the municipalities in turn") % {
        "years": body.chair_term_years},
    "R-SEK-3": lambda body: _("the municipal coordinator role rotates every %(years)s years "
                              "between the regional councils") % {
        "years": body.chair_term_years},
}


def rules_reference(body):
    """Where the body's rules are written: its own reference, or its kind's."""
    return body.rules_source or kind_rules(body.kind).reference


def cite(body, rule_id):
    """The rule as people read it in their agreement, e.g. «Samarbeidsavtalen § 4-3: cases are
    submitted at the latest 4 weeks before the meeting …». Rule IDs stay in the code."""
    statement = STATEMENTS[rule_id](body)
    reference = rules_reference(body)
    return f"{reference}: {statement}" if reference else str(statement)


def citing(body, rule_id, message):
    """A refusal with the rule as the body's agreement states it at its end, so that the
    person refused can look it up there: «… en sen sak (Samarbeidsavtalen § 4-3: …).»"""
    return f"{message.rstrip('.')} ({cite(body, rule_id)})."
