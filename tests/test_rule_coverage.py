"""Every rule of DOMAIN.md § 3 (the bodies and their meeting rules), § 8 (public access and
archive) and § 9 (finance, continued) is named by at least one test, so that a rule the product
enforces cannot lose its test unnoticed."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT.parent / "shared" / "DOMAIN.md"
KINDS = "PM|DM|SSU|LSU|FSU|SEK|PUB|FIN"
RULE = re.compile(rf"\bR-(?:{KINDS})-\d+\b")
# A test's name says its rule in lower case: test_r_ssu_4_late_case_needs_chair_approval.
IN_A_NAME = re.compile(rf"(?<![a-z])r_({KINDS.lower()})_(\d+)(?![0-9])")


def section_rules(text, number):
    """The rules of section `number`: from its heading to the next section's, or the end."""
    start = text.index(f"\n## {number}.")
    end = text.find("\n## ", start + 1)
    return sorted(set(RULE.findall(text[start:end if end != -1 else len(text)])))


def named_in_tests():
    names = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        if path.name == Path(__file__).name:
            continue
        text = path.read_text(encoding="utf-8")
        names.update(RULE.findall(text))
        names.update(f"R-{kind.upper()}-{number}" for kind, number in IN_A_NAME.findall(text))
    return names


@pytest.mark.skipif(not DOMAIN.exists(), reason="the specification lives beside the checkout")
@pytest.mark.parametrize(("section", "at_least"), [(3, 30), (8, 3), (9, 4)])
def test_every_rule_of_the_section_is_named_by_a_test(section, at_least):
    rules = section_rules(DOMAIN.read_text(encoding="utf-8"), section)
    assert len(rules) >= at_least
    assert sorted(set(rules) - named_in_tests()) == []
