"""KID numbers on invoices (R-FIN-6): MOD10 by default, MOD11 as an option."""

from common.checkdigits import is_valid_kid, kid
from finance.models import FinanceSettings


def test_mod10_kid():
    assert kid("000000001") == "0000000018"
    assert is_valid_kid("0000000018")
    assert not is_valid_kid("0000000017")


def test_mod11_kid_and_its_dash_for_remainder_one():
    assert kid("1234567", "mod11") == "12345674"
    assert kid("6", "mod11") == "6-"
    assert is_valid_kid("6-", "mod11")
    assert not is_valid_kid("6-", "mod10")
    assert not is_valid_kid("12345675", "mod11")


def test_kid_is_the_invoice_number_padded_to_the_configured_length():
    settings = FinanceSettings(kid_length=8, kid_method="mod11")
    assert settings.kid_for(1234567) == "12345674"
    assert FinanceSettings().kid_for(42) == "0000000422"
