"""Two versions of an agreement side by side, section by section (R-AG-1)."""

from dataclasses import dataclass

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .rules import diff_words, section_sort_key


@dataclass
class Row:
    number: str
    status: str  # unchanged, changed, added, removed
    old_heading: str
    new_heading: str
    old_text: str
    new_text: str

    @property
    def heading_changed(self):
        return self.old_heading != self.new_heading


def compare_versions(old_sections, new_sections):
    """One row per section number in either version, in the sections' natural order."""
    old = {s.number: s for s in old_sections}
    new = {s.number: s for s in new_sections}
    rows = []
    for number in sorted(old.keys() | new.keys(), key=section_sort_key):
        before, after = old.get(number), new.get(number)
        old_text, new_text = diff_words(before.text if before else "",
                                        after.text if after else "",
                                        added=_("added"), deleted=_("deleted"))
        if before is None:
            status = "added"
        elif after is None:
            status = "removed"
        elif before.text == after.text and before.heading == after.heading:
            status = "unchanged"
        else:
            status = "changed"
        rows.append(Row(number=number, status=status,
                        old_heading=before.heading if before else "",
                        new_heading=after.heading if after else "",
                        old_text=mark_safe(old_text),  # noqa: S308 - sanitised by diff_words
                        new_text=mark_safe(new_text)))  # noqa: S308
    return rows
