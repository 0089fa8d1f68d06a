"""Every rule of DOMAIN.md § 3 (the bodies and their meeting rules) is named by at least one
test, so that a rule the product enforces cannot lose its test unnoticed."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT.parent / "shared" / "DOMAIN.md"
RULE = re.compile(r"\bR-(?:PM|DM|SSU|LSU|FSU|SEK)-\d+\b")
# A test's name says its rule in lower case: test_r_ssu_4_late_case_needs_chair_approval.
IN_A_NAME = re.compile(r"(?<![a-z])r_(pm|dm|ssu|lsu|fsu|sek)_(\d+)(?![0-9])")


def section_3_rules(text):
    start = text.index("## 3.")
    end = text.index("## 4.", start)
    return sorted(set(RULE.findall(text[start:end])))


def named_in_tests():
    names = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        text = path.read_text(encoding="utf-8")
        names.update(RULE.findall(text))
        names.update(f"R-{kind.upper()}-{number}" for kind, number in IN_A_NAME.findall(text))
    return names


@pytest.mark.skipif(not DOMAIN.exists(), reason="the specification lives beside the checkout")
def test_every_rule_of_section_3_is_named_by_a_test():
    rules = section_3_rules(DOMAIN.read_text(encoding="utf-8"))
    assert len(rules) >= 30
    assert sorted(set(rules) - named_in_tests()) == []
