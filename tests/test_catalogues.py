"""The Norwegian catalogues: no translation says a sentence of itself twice (a paragraph
pasted three times shows thrice on the page), none shows an internal rule ID, and every text
the code translates is where makemessages finds it."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(path for path in ROOT.glob("**/locale/nb/LC_MESSAGES/django.po")
                    if ".venv" not in path.parts)
MSGSTR = re.compile(r'^msgstr(?:\[\d+\])? ((?:".*"\n?)+)', re.M)
PIECE = re.compile(r'"((?:[^"\\]|\\.)*)"')
# A sentence ends at . ! or ? before a capital letter or the end, with or without a space.
SENTENCE_END = re.compile(r"(?<=[.!?])\s*(?=[A-ZÆØÅ«(%]|$)")
WHOLE_REPEATED = re.compile(r"^(.{12,}?)(?:\s*\1)+$", re.S)
SHORTEST_SENTENCE = 12


def translations(path):
    for match in MSGSTR.finditer(path.read_text(encoding="utf-8")):
        text = "".join(PIECE.findall(match.group(1)))
        if text:
            yield text


def repeats_itself(text):
    if WHOLE_REPEATED.match(text):
        return True
    sentences = [s.strip() for s in SENTENCE_END.split(text.replace("\\n", " "))
                 if len(s.strip()) >= SHORTEST_SENTENCE]
    return len(sentences) != len(set(sentences))


def test_the_check_finds_a_pasted_repeat():
    sentence = "Første gangs behandling ble registrert."
    assert repeats_itself(sentence * 3)
    assert repeats_itself(f"{sentence} Send forslaget videre. {sentence}")
    assert not repeats_itself(f"{sentence} Send forslaget til et senere møte.")


def test_there_are_catalogues():
    assert {path.parent.parent.parent.parent.name for path in CATALOGUES} >= {
        "agreements", "finance", "meetings", "members", "common"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_translation_repeats_a_sentence_of_itself(path):
    assert [text for text in translations(path) if repeats_itself(text)] == []


# Rule IDs such as R-SSU-4 are the specification's names for the code and the tests; people
# read where a rule stands in their own agreement (kinds.cite) or the rule itself.
RULE_ID = re.compile(r"\bR-(?:PM|DM|SSU|LSU|FSU|SEK|REC|FIN|AG|PUB)-\d+\b")
TEMPLATE_COMMENT = re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}|\{#.*?#\}", re.S)
# A rule ID as the argument of the cite filter names the rule to cite, not text to show.
CITED = re.compile(r"""\|cite:["']R-[A-Z]+-\d+["']""")
TEMPLATES = sorted(path for folder in ("templates", "*/templates")
                   for path in ROOT.glob(f"{folder}/**/*") if path.suffix in (".html", ".txt")
                   and ".venv" not in path.parts)


def shown_rule_ids_in_template(text):
    return RULE_ID.findall(CITED.sub("", TEMPLATE_COMMENT.sub("", text)))


def test_the_rule_id_check_finds_an_id_in_text_but_not_in_comments_or_citations():
    assert shown_rule_ids_in_template("<p>Sendt (R-PM-3)</p>") == ["R-PM-3"]
    assert shown_rule_ids_in_template('{# R-PM-3 #}{{ body|cite:"R-PM-3" }}') == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_translation_shows_an_internal_rule_id(path):
    assert [text for text in translations(path) if RULE_ID.search(text)] == []


def test_no_template_shows_an_internal_rule_id():
    assert len(TEMPLATES) > 50
    shown = {str(path.relative_to(ROOT)): ids for path in TEMPLATES
             if (ids := shown_rule_ids_in_template(path.read_text(encoding="utf-8")))}
    assert shown == {}


# makemessages (xgettext) does not read inside an f-string's replacement fields: a text
# translated there is missing from the catalogue, or shown from another app's by chance.
TRANSLATING = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext",
               "ngettext_lazy", "npgettext"}
SOURCES = sorted(path for path in ROOT.glob("**/*.py")
                 if not {".venv", "node_modules", "migrations"} & set(path.parts))


def translated_in_f_strings(source):
    """The line numbers of translation calls inside f-strings' replacement fields."""
    return sorted({node.lineno for f_string in ast.walk(ast.parse(source))
                   if isinstance(f_string, ast.JoinedStr)
                   for node in ast.walk(f_string)
                   if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                   and node.func.id in TRANSLATING})


def test_the_f_string_check_finds_a_translation_inside_one():
    assert translated_in_f_strings('x = f"({_(\'screened\')})"\ny = _("x") + f"{y}"') == [1]


def test_no_text_is_translated_inside_an_f_string():
    assert len(SOURCES) > 100
    found = {str(path.relative_to(ROOT)): lines for path in SOURCES
             if (lines := translated_in_f_strings(path.read_text(encoding="utf-8")))}
    assert found == {}
