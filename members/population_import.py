"""Reading population figures from a file downloaded from Statistics Norway's table 07459.

Accepted: CSV with semicolons or commas, in UTF-8 or ISO-8859-1, in long form (one row per
region and year) or wide form (one column per year), and JSON-stat 2.0. Regions are read as
«1812 Sømna», «K-1812 Sømna» or «1812»; regions that are not municipalities (the country,
counties) are skipped. Rows broken down by sex or age are added up per municipality and year,
unless the file also holds the total row («i alt»), which is then used.

Pure functions: nothing here touches the database.
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MUNICIPALITY_CODE = re.compile(r"^\s*(?:K-)?(\d{4})(?:\s|$)")
YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
TOTAL_WORDS = ("i alt", "alle", "total", "begge kjønn", "both sexes", "all ages")
MISSING_MARKERS = {".", "..", "...", ":", "-", "–"}


class PopulationFileError(Exception):
    """The file as a whole cannot be read (wrong format, no header)."""


@dataclass
class ParsedFile:
    figures: dict = field(default_factory=dict)  # (kommunenummer, year) -> population
    errors: list = field(default_factory=list)  # (line, message)
    skipped_regions: set = field(default_factory=set)


def decode(data):
    for encoding in ("utf-8-sig", "iso-8859-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PopulationFileError(_("The file is neither UTF-8 nor ISO-8859-1 text."))


def parse(data):
    """Parse the bytes of a downloaded file into figures and per-line errors."""
    if b"\x00" in data:
        raise PopulationFileError(_("The file is not a text file."))
    text = decode(data).strip()
    if not text:
        raise PopulationFileError(_("The file is empty."))
    if text.startswith("{"):
        return parse_json_stat(text)
    return parse_csv(text)


def parse_value(raw):
    value = raw.strip().strip('"').replace("\xa0", "").replace(" ", "")
    if value in MISSING_MARKERS or value == "":
        raise ValueError(_("no figure given («%(value)s»)") % {"value": raw.strip()})
    if not re.fullmatch(r"-?\d+", value):
        raise ValueError(_("«%(value)s» is not a whole number") % {"value": raw.strip()})
    number = int(value)
    if number < 0:
        raise ValueError(_("a population cannot be negative (%(value)s)") % {"value": number})
    if number > 10_000_000:
        raise ValueError(_("%(value)s is more people than live in Norway") % {"value": number})
    return number


def parse_year(raw):
    match = YEAR.search(raw or "")
    if not match:
        raise ValueError(_("«%(value)s» is not a year") % {"value": (raw or "").strip()})
    return int(match.group(1))


def is_total(label):
    label = label.strip().lower()
    return any(word in label for word in TOTAL_WORDS)


class Accumulator:
    """Adds up breakdowns per (municipality, year) and prefers total rows where present."""

    def __init__(self):
        self.parts = {}
        self.totals = {}

    def add(self, key, value, total):
        target = self.totals if total else self.parts
        target[key] = target.get(key, 0) + value

    def result(self):
        return {**self.parts, **self.totals}


def find_header(rows):
    for index, row in enumerate(rows):
        lowered = [cell.strip().lower() for cell in row]
        if any(cell.startswith("region") for cell in lowered):
            return index
    raise PopulationFileError(
        _("No header row with a «region» column was found. Download the table from "
          "Statistics Norway as CSV with headings.")
    )


def read_rows(text):
    """Rows and header position, with whichever delimiter gives the widest header."""
    best = None
    for delimiter in (";", ","):
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        try:
            index = find_header(rows)
        except PopulationFileError:
            continue
        if best is None or len(rows[index]) > len(best[0][best[1]]):
            best = (rows, index)
    if best is None:
        raise PopulationFileError(
            _("No header row with a «region» column was found. Download the table from "
              "Statistics Norway as CSV with headings.")
        )
    return best


def parse_csv(text):
    rows, header_index = read_rows(text)
    header = [cell.strip() for cell in rows[header_index]]
    lowered = [cell.lower() for cell in header]
    region_col = next(i for i, cell in enumerate(lowered) if cell.startswith("region"))
    year_col = next(
        (i for i, cell in enumerate(lowered) if cell in {"år", "ar", "year", "tid", "time"}), None
    )
    result = ParsedFile()
    totals = Accumulator()
    if year_col is not None:
        value_col = len(header) - 1
        other_cols = [i for i in range(len(header)) if i not in {region_col, year_col, value_col}]
        year_columns = None
    else:
        year_columns = {}
        for i, cell in enumerate(header):
            if i != region_col and YEAR.search(cell):
                year_columns[i] = int(YEAR.search(cell).group(1))
        if not year_columns:
            raise PopulationFileError(
                _("The header names no year: expected an «år» column or years in the headings.")
            )
        other_cols = [i for i in range(len(header)) if i != region_col and i not in year_columns]
    for offset, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            result.errors.append(
                (offset, _("expected %(expected)s columns, found %(found)s")
                 % {"expected": len(header), "found": len(row)})
            )
            continue
        match = MUNICIPALITY_CODE.match(row[region_col])
        if not match:
            result.skipped_regions.add(row[region_col].strip())
            continue
        code = match.group(1)
        total = all(is_total(row[i]) for i in other_cols) if other_cols else True
        try:
            if year_columns is None:
                pairs = [(parse_year(row[year_col]), parse_value(row[value_col]))]
            else:
                pairs = [(year, parse_value(row[i])) for i, year in year_columns.items()]
        except ValueError as exc:
            result.errors.append((offset, f"{row[region_col].strip()}: {exc}"))
            continue
        for year, value in pairs:
            totals.add((code, year), value, total)
    result.figures = totals.result()
    return result


def parse_json_stat(text):
    try:
        dataset = json.loads(text)
        dimension_ids = dataset["id"]
        sizes = dataset["size"]
        dimensions = dataset["dimension"]
        values = dataset["value"]
    except (ValueError, KeyError, TypeError) as exc:
        raise PopulationFileError(_("The file is not valid JSON-stat 2.0.")) from exc
    try:
        region_dim = next(d for d in dimension_ids if d.lower().startswith("region"))
        time_dim = next(
            d for d in dimension_ids
            if d.lower() in {"tid", "time", "år", "year"}
            or d in dataset.get("role", {}).get("time", [])
        )
    except StopIteration as exc:
        raise PopulationFileError(_("The JSON-stat file has no region or year dimension.")) from exc

    def codes(dim):
        index = dimensions[dim]["category"]["index"]
        if isinstance(index, list):
            return index
        return [code for code, _pos in sorted(index.items(), key=lambda item: item[1])]

    def labels(dim):
        return dimensions[dim]["category"].get("label", {})

    categories = [codes(dim) for dim in dimension_ids]
    if isinstance(values, dict):
        values = [values.get(str(i)) for i in range(_product(sizes))]
    if len(values) != _product(sizes):
        raise PopulationFileError(_("The JSON-stat file's values do not match its dimensions."))
    result = ParsedFile()
    totals = Accumulator()
    for position, value in enumerate(values):
        chosen = _unravel(position, sizes)
        picked = {dim: categories[i][chosen[i]] for i, dim in enumerate(dimension_ids)}
        region = picked[region_dim]
        match = MUNICIPALITY_CODE.match(region)
        if not match:
            result.skipped_regions.add(labels(region_dim).get(region, region))
            continue
        others = [d for d in dimension_ids if d not in {region_dim, time_dim, "ContentsCode"}]
        total = all(is_total(labels(d).get(picked[d], picked[d])) for d in others)
        try:
            year = parse_year(picked[time_dim])
            number = parse_value("" if value is None else str(value))
        except ValueError as exc:
            result.errors.append(
                (position + 1, f"{labels(region_dim).get(region, region)}: {exc}")
            )
            continue
        totals.add((match.group(1), year), number, total)
    result.figures = totals.result()
    return result


def _product(sizes):
    total = 1
    for size in sizes:
        total *= size
    return total


def _unravel(position, sizes):
    indices = []
    for size in reversed(sizes):
        indices.append(position % size)
        position //= size
    return indices[::-1]
