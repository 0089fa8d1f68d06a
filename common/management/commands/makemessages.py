"""makemessages with catalogues sorted by message, without source locations and without a
creation date, so that two changes that add strings touch different lines of a .po file
instead of the same ones."""

import re
from pathlib import Path

from django.core.management.commands import makemessages

UNSORTED = makemessages.Command


class Command(makemessages.Command):
    msgmerge_options = [*UNSORTED.msgmerge_options, "--sort-output", "--no-location"]
    msguniq_options = [*UNSORTED.msguniq_options, "--sort-output", "--no-location"]
    msgattrib_options = [*UNSORTED.msgattrib_options, "--sort-output", "--no-location"]
    xgettext_options = [*UNSORTED.xgettext_options, "--sort-output"]

    def write_po_file(self, potfile, locale):
        super().write_po_file(potfile, locale)
        pofile = Path(potfile).parent / locale / "LC_MESSAGES" / f"{self.domain}.po"
        text = pofile.read_text(encoding="utf-8")
        pofile.write_text(re.sub(r'"POT-Creation-Date: [^"]*\\n"\n', "", text, count=1),
                          encoding="utf-8")
