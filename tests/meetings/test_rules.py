"""The pure rule functions of meetings.rules (no database)."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from meetings.kinds import KINDS, RULE_DEFAULTS
from meetings.rules import (
    BodyFacts,
    body_warnings,
    breaks_chair_alternation,
    case_is_late,
    extraordinary_notice_too_short,
    next_chair_side,
    notice_is_late,
)

sides = st.sampled_from(["municipalities", "trust"])
MEETING = datetime.date(2026, 6, 10)


def test_defaults_follow_the_helgeland_agreement():
    assert RULE_DEFAULTS["ssu"]["meetings_per_year"] == 4  # R-SSU-1
    assert RULE_DEFAULTS["ssu"]["case_deadline_days"] == 28  # R-SSU-4
    assert (RULE_DEFAULTS["ssu"]["trust_members"],
            RULE_DEFAULTS["ssu"]["municipal_members"]) == (7, 7)  # R-SSU-13
    assert (RULE_DEFAULTS["partnership"]["notice_min_days"],
            RULE_DEFAULTS["partnership"]["notice_max_days"]) == (14, 21)  # R-PM-3
    assert RULE_DEFAULTS["ssu"]["extraordinary_notice_days"] == 7  # R-SSU-12
    assert RULE_DEFAULTS["ssu"]["objection_hours"] == 96
    assert RULE_DEFAULTS["partnership"]["publication_days"] == 7
    assert RULE_DEFAULTS["partnership"]["decision_mode"] == "consensus"
    assert RULE_DEFAULTS["fsu"]["decision_mode"] == "advisory"  # R-FSU-1
    assert RULE_DEFAULTS["lsu"]["meetings_per_year"] == 4  # R-LSU-1


@given(st.lists(sides, min_size=1, max_size=10))
def test_r_ssu_14_next_chair_comes_from_the_other_side(previous):
    proposed = next_chair_side(previous)
    assert proposed != previous[-1]
    assert not breaks_chair_alternation(previous, proposed)
    assert breaks_chair_alternation(previous, previous[-1])


def test_r_ssu_14_no_proposal_without_an_earlier_chair():
    assert next_chair_side([]) is None
    assert breaks_chair_alternation([], "trust") is False


def test_r_ssu_4_case_deadline_is_28_days_before():
    assert case_is_late(datetime.date(2026, 5, 13), MEETING, 28) is False
    assert case_is_late(datetime.date(2026, 5, 14), MEETING, 28) is True


@given(st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_r_ssu_4_lateness_is_the_deadline_comparison(days_before, deadline):
    placed = MEETING - datetime.timedelta(days=days_before)
    assert case_is_late(placed, MEETING, deadline) == (days_before < deadline)


def test_r_pm_3_notice_later_than_14_days_before_is_late():
    assert notice_is_late(datetime.date(2026, 5, 27), MEETING, 14) is False
    assert notice_is_late(datetime.date(2026, 5, 28), MEETING, 14) is True


def test_r_ssu_12_extraordinary_meeting_needs_a_week():
    assert extraordinary_notice_too_short(datetime.date(2026, 6, 3), MEETING, 7) is False
    assert extraordinary_notice_too_short(datetime.date(2026, 6, 4), MEETING, 7) is True


def _facts(kind="ssu", **fields):
    rules = RULE_DEFAULTS[kind]
    return BodyFacts(name="SSU", kind=kind, meetings_per_year=rules["meetings_per_year"],
                     max_meetings_per_year=rules["max_meetings_per_year"],
                     notice_min_days=rules["notice_min_days"],
                     count_rule=KINDS[kind].count_rule, **fields)


def _rules(warnings):
    return [warning.rule for warning in warnings]


def test_a_body_that_follows_every_rule_has_no_warnings():
    facts = _facts(plan_adopted={2026: True}, meetings_in_year={2026: 4})
    assert body_warnings(facts, datetime.date(2026, 3, 1)) == []


def test_r_ssu_2_warns_when_this_years_plan_was_not_adopted():
    facts = _facts(plan_adopted={2026: False}, meetings_in_year={2026: 4})
    assert _rules(body_warnings(facts, datetime.date(2026, 1, 1))) == ["R-SSU-2"]


def test_r_ssu_2_warns_in_autumn_when_next_years_plan_is_not_adopted():
    facts = _facts(plan_adopted={2026: True}, meetings_in_year={2026: 4})
    assert _rules(body_warnings(facts, datetime.date(2026, 8, 31))) == []
    assert _rules(body_warnings(facts, datetime.date(2026, 9, 1))) == ["R-SSU-2"]
    facts.plan_adopted[2027] = True
    assert _rules(body_warnings(facts, datetime.date(2026, 12, 31))) == []


def test_r_ssu_1_warns_when_fewer_than_four_meetings_are_planned():
    facts = _facts(plan_adopted={2026: True}, meetings_in_year={2026: 3})
    warnings = body_warnings(facts, datetime.date(2026, 3, 1))
    assert _rules(warnings) == ["R-SSU-1"]
    assert str(warnings[0].message) == "SSU: 3 møter planlagt i 2026, regelen krever minst 4."


def test_r_lsu_1_warns_when_fewer_than_four_meetings_are_planned():
    facts = _facts("lsu", plan_adopted={2026: True}, meetings_in_year={2026: 2})
    assert _rules(body_warnings(facts, datetime.date(2026, 3, 1))) == ["R-LSU-1"]


def test_r_pm_1_warns_when_no_partnership_meeting_is_planned():
    facts = _facts("partnership", plan_adopted={2026: True})
    assert _rules(body_warnings(facts, datetime.date(2026, 3, 1))) == ["R-PM-1"]


def test_r_dm_1_warns_about_more_than_two_dialogue_meetings():
    facts = _facts("dialogue", meetings_in_year={2026: 3}, shares_programme=True)
    assert _rules(body_warnings(facts, datetime.date(2026, 3, 1))) == ["R-DM-1"]


def test_r_pm_2_warns_when_next_years_date_is_not_set_after_this_years_meeting():
    facts = _facts("partnership", plan_adopted={2026: True}, meetings_in_year={2026: 1},
                   last_meeting_date={2026: datetime.date(2026, 5, 1)})
    assert _rules(body_warnings(facts, datetime.date(2026, 4, 30))) == []
    assert _rules(body_warnings(facts, datetime.date(2026, 5, 1))) == ["R-PM-2"]
    facts.meetings_in_year[2027] = 1
    assert _rules(body_warnings(facts, datetime.date(2026, 5, 1))) == []


def test_r_pm_3_warns_when_a_notice_is_due_and_not_sent():
    facts = _facts(plan_adopted={2026: True}, meetings_in_year={2026: 4},
                   unsent_notices=[(MEETING, datetime.date(2026, 5, 27))])
    assert _rules(body_warnings(facts, datetime.date(2026, 5, 23))) == []
    assert _rules(body_warnings(facts, datetime.date(2026, 5, 24))) == ["R-PM-3"]


def test_r_fsu_1_warns_when_the_action_plan_is_older_than_a_year():
    facts = _facts("fsu", plan_adopted={2026: True}, meetings_in_year={2026: 2},
                   action_plan_revised_on=datetime.date(2025, 3, 1))
    assert _rules(body_warnings(facts, datetime.date(2026, 3, 1))) == []
    assert _rules(body_warnings(facts, datetime.date(2026, 3, 3))) == ["R-FSU-1"]


def test_r_ssu_13_warns_when_a_side_lacks_members():
    facts = _facts(plan_adopted={2026: True}, meetings_in_year={2026: 4}, trust_members=7,
                   municipal_members=7, members_by_side={"trust": 7, "municipalities": 6})
    assert _rules(body_warnings(facts, datetime.date(2026, 3, 1))) == ["R-SSU-13"]
