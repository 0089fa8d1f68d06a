"""The agreement rules of DOMAIN.md § 4 as plain functions (no database access)."""

import datetime
import difflib
import re

import nh3

from meetings.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

# Rich text of a section: what the editor may keep is the case papers' allow-list; sections
# are sanitised by the same function (R-AG-1 keeps the text, never raw HTML).
# The comparison adds its marks (and the hidden text cues for screen readers) to that list.
MARKED_TAGS = ALLOWED_TAGS | {"ins", "del", "span"}
MARKED_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "span": {"class"}}


def withdrawal_takes_effect(notice_on):
    """R-AG-5: a withdrawal takes effect on 1 January of the first budget year that starts at
    least twelve months after the written notice (notice 15.03.2026 → 01.01.2028).

    A notice given on 1 January is exactly twelve months before the next 1 January, which is
    enough; any later day of the year pushes the withdrawal one budget year further.
    """
    years_ahead = 1 if (notice_on.month, notice_on.day) == (1, 1) else 2
    return datetime.date(notice_on.year + years_ahead, 1, 1)


def last_paying_year(notice_on):
    """The last budget year the withdrawing municipality pays for (R-AG-5)."""
    return withdrawal_takes_effect(notice_on).year - 1


def second_reading_is_later(first_reading_at, adoption_at):
    """R-AG-2: statutes are adopted at a meeting after the one that read them first."""
    return adoption_at > first_reading_at


def section_sort_key(number):
    """Sections in their natural order: 2 before 4-1 before 4-10 before 10."""
    return tuple(int(part) if part.isdigit() else part
                 for part in re.findall(r"\d+|[^\d\s.-]+", number))


_TOKENS = re.compile(r"<[^>]*>|[^<\s]+|\s+")


def _tokens(html):
    return _TOKENS.findall(html or "")


def _marked(tokens, tag, cue):
    """Wrap each run of words (never tags) in <ins>/<del> with a text cue for screen readers,
    so a change is told by more than colour and the HTML stays well formed."""
    out, run = [], []

    def flush():
        if run:
            words = "".join(run)
            if words.strip():
                out.append(f'<{tag}><span class="visually-hidden">[{cue}: </span>{words}'
                           f'<span class="visually-hidden">]</span></{tag}>')
            else:
                out.append(words)
            run.clear()

    for token in tokens:
        if token.startswith("<"):
            flush()
            out.append(token)
        else:
            run.append(token)
    flush()
    return out


def diff_words(old_html, new_html, *, added="added", deleted="deleted"):
    """Word-level comparison of two sanitised texts: (old side, new side), the old with its
    deletions in <del>, the new with its additions in <ins>."""
    old, new = _tokens(old_html), _tokens(new_html)
    left, right = [], []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left += old[i1:i2]
            right += new[j1:j2]
            continue
        left += _marked(old[i1:i2], "del", deleted)
        right += _marked(new[j1:j2], "ins", added)
    clean = {"tags": MARKED_TAGS, "attributes": MARKED_ATTRIBUTES,
             "url_schemes": {"http", "https", "mailto"}, "link_rel": "noopener noreferrer"}
    return nh3.clean("".join(left), **clean), nh3.clean("".join(right), **clean)
