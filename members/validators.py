import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from stdnum.no import kontonr, orgnr

validate_municipality_number = RegexValidator(
    r"^\d{4}\Z", _("A municipality number has exactly four digits, like 1833.")
)


def digits_only(value):
    return "".join(value.split()).replace(".", "")


def is_valid_organisation_number(value):
    """Nine digits with the Brønnøysund register's MOD11 check digit (python-stdnum). Digits
    are 0-9 only: python-stdnum also takes other scripts' digits, which no register holds."""
    return len(value) == 9 and value.isascii() and orgnr.is_valid(value)


def is_valid_bank_account(value):
    """Eleven digits 0-9 with a valid MOD11 check digit (python-stdnum)."""
    return len(value) == 11 and value.isascii() and kontonr.is_valid(value)


def validate_organisation_number(value):
    if not is_valid_organisation_number(digits_only(value)):
        raise ValidationError(
            _("%(value)s is not a valid organisation number: nine digits with a correct "
              "check digit (MOD11)."),
            code="invalid_organisation_number",
            params={"value": value},
        )


def validate_bank_account(value):
    if not is_valid_bank_account(digits_only(value)):
        raise ValidationError(
            _("%(value)s is not a valid Norwegian bank account number: eleven digits with a "
              "correct check digit."),
            code="invalid_bank_account",
            params={"value": value},
        )


# The formats municipalities ask for in the buyer's reference of an invoice (R-FIN-8): the
# label, the pattern the reference must match, and an example.
REFERENCE_FORMATS = {
    "free": (_("Any text"), r".+", "Helsefellesskap"),
    "b6": (_("B and six digits"), r"B\d{6}", "B123456"),
    "resource": (_("Resource number: three to eight digits"), r"\d{3,8}", "4711"),
    "person": (_("Name of the person who ordered"), r"\D{3,}", "Kari Nordmann"),
}


def reference_problem(reference, format_key):
    """Why the reference does not fit the municipality's format, or None when it does."""
    label, pattern, example = REFERENCE_FORMATS[format_key]
    if not reference.strip():
        return _("No buyer's reference is given.")
    if not re.fullmatch(pattern, reference.strip()):
        return _("«%(reference)s» is not in the format %(format)s (e.g. «%(example)s»).") % {
            "reference": reference, "format": label, "example": example}
    return None
