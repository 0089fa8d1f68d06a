from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from common.checkdigits import is_valid_bank_account, is_valid_organisation_number

validate_municipality_number = RegexValidator(
    r"^\d{4}\Z", _("A municipality number has exactly four digits, like 1833.")
)


def digits_only(value):
    return "".join(value.split()).replace(".", "")


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
