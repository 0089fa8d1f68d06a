"""Reading a file of payments: one payment per line, «KID;date;amount».

Pure functions: nothing here touches the database. A header line is allowed; dates as
31.01.2023 or 2023-01-31; amounts as 24189, 24 189,00 or 24189.00.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Payment:
    line: int
    kid: str
    paid_on: datetime.date
    amount: Decimal


def parse_date(raw):
    raw = raw.strip()
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(raw, pattern).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    raise ValueError(_("«%(value)s» is not a date (31.01.2023)") % {"value": raw})


def parse_amount(raw):
    value = raw.strip().replace("\xa0", "").replace(" ", "").removeprefix("kr")
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount <= 0:
        raise ValueError(_("«%(value)s» is not an amount") % {"value": raw.strip()})
    return amount


def parse(text):
    """(payments, errors) where errors are (line number, reason)."""
    payments, errors = [], []
    dialect = ";" if ";" in text.splitlines()[0] else ","
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=dialect), start=1):
        if not any(cell.strip() for cell in row):
            continue
        if number == 1 and not re.search(r"\d", row[0]):
            continue  # a header
        if len(row) != 3:
            errors.append((number, _("expected three columns: KID, date and amount")))
            continue
        kid = row[0].strip()
        if not re.fullmatch(r"\d+-?", kid):
            errors.append((number, _("«%(value)s» is not a KID") % {"value": kid}))
            continue
        try:
            payments.append(Payment(number, kid, parse_date(row[1]), parse_amount(row[2])))
        except ValueError as exc:
            errors.append((number, str(exc)))
    return payments, errors
