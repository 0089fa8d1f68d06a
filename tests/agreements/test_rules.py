import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from agreements.rules import (
    diff_words,
    last_paying_year,
    section_sort_key,
    withdrawal_takes_effect,
)
from meetings.richtext import sanitise


def test_r_ag_5_notice_on_15_march_2026_takes_effect_1_january_2028():
    assert withdrawal_takes_effect(datetime.date(2026, 3, 15)) == datetime.date(2028, 1, 1)
    assert last_paying_year(datetime.date(2026, 3, 15)) == 2027


def test_r_ag_5_notice_on_1_january_is_twelve_months_before_the_next_budget_year():
    assert withdrawal_takes_effect(datetime.date(2026, 1, 1)) == datetime.date(2027, 1, 1)


def test_r_ag_5_notice_on_31_december_waits_for_the_budget_year_after_next():
    assert withdrawal_takes_effect(datetime.date(2026, 12, 31)) == datetime.date(2028, 1, 1)
    assert withdrawal_takes_effect(datetime.date(2026, 1, 2)) == datetime.date(2028, 1, 1)


def _plus_twelve_months(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, month=3, day=1)


@settings(deadline=None)
@given(st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2090, 12, 31)))
def test_r_ag_5_the_first_budget_year_at_least_twelve_months_after_the_notice(notice):
    effect = withdrawal_takes_effect(notice)
    assert (effect.month, effect.day) == (1, 1)
    assert effect >= _plus_twelve_months(notice)
    assert datetime.date(effect.year - 1, 1, 1) < _plus_twelve_months(notice)


def test_sections_sort_in_their_natural_order():
    numbers = ["10", "4-10", "2", "4-2", "4", "1"]
    assert sorted(numbers, key=section_sort_key) == ["1", "2", "4", "4-2", "4-10", "10"]


def test_word_diff_marks_exactly_the_changed_words_with_a_text_cue():
    old, new = diff_words("<p>Møtet holdes to ganger i året.</p>",
                          "<p>Møtet holdes fire ganger i året.</p>")
    assert old == ('<p>Møtet holdes <del><span class="visually-hidden">[deleted: </span>to'
                   '<span class="visually-hidden">]</span></del> ganger i året.</p>')
    assert new == ('<p>Møtet holdes <ins><span class="visually-hidden">[added: </span>fire'
                   '<span class="visually-hidden">]</span></ins> ganger i året.</p>')


def test_word_diff_of_equal_texts_marks_nothing():
    assert diff_words("<p>Lik tekst.</p>", "<p>Lik tekst.</p>") == ("<p>Lik tekst.</p>",
                                                                    "<p>Lik tekst.</p>")


def test_section_text_is_sanitised():
    assert sanitise('<p onclick="x()">Tekst<script>alert(1)</script></p>') == "<p>Tekst</p>"
