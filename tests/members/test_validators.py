"""Organisation and account numbers: python-stdnum's check digits, with digits 0-9 only."""

from members.validators import is_valid_bank_account, is_valid_organisation_number


def test_an_organisation_number_has_nine_digits_0_to_9_and_its_check_digit():
    assert is_valid_organisation_number("974760673")
    assert not is_valid_organisation_number("974760674")  # check digit
    # A full-width ３ is a digit to python-stdnum, and to no register or EHF checker.
    assert not is_valid_organisation_number("97476067\uff13")


def test_a_bank_account_has_eleven_digits_0_to_9_and_its_check_digit():
    assert is_valid_bank_account("15032012342")
    assert not is_valid_bank_account("15032012343")
    assert not is_valid_bank_account("1503201234\uff12")
