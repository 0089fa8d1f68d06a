"""Every CSV and XLSX the product writes goes through here, so that no cell is read as a
formula by a spreadsheet (OWASP «CSV injection»; docs/security.md).

A text cell that starts with = + - @, a tab or a carriage return is written with a leading
apostrophe, which spreadsheets show as text. Numbers stay numbers: a negative amount is not
text and is written as it is.
"""

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row):
    return [safe_cell(value) for value in row]


def csv_text(rows, *, delimiter=";"):
    """The rows as CSV text, each cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerows(safe_row(row) for row in rows)
    return out.getvalue()


def append_rows(sheet, rows):
    """Append rows to an openpyxl worksheet, each cell made safe."""
    for row in rows:
        sheet.append(safe_row(row))
