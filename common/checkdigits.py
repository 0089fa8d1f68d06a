"""Check digits of KID numbers (MOD10 and MOD11); no library has them. Organisation and bank
account numbers are checked with python-stdnum (members.validators).

Pure functions without database access, so that they can be tested on their own.
"""


def mod11_check_digit(digits, weights=None):
    """The MOD11 check digit of a string of digits, or None where none exists (remainder 1).

    Without weights the standard cycle 2, 3, 4, 5, 6, 7 runs from the rightmost digit.
    """
    if weights is None:
        weights = [2 + (i % 6) for i in range(len(digits))][::-1]
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True))
    remainder = total % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def mod10_check_digit(digits):
    """The Luhn (MOD10) check digit of a string of digits."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return (10 - total % 10) % 10


def kid(base, method="mod10"):
    """A KID (customer payment reference): the base digits and their check digit.

    MOD11 has no check digit for a remainder of 1; payment systems then use «-».
    """
    if method == "mod11":
        check = mod11_check_digit(base)
        return base + ("-" if check is None else str(check))
    return base + str(mod10_check_digit(base))


def is_valid_kid(value, method="mod10"):
    """Whether the last character of a KID is the right check digit of the digits before."""
    if len(value) < 2 or not value[:-1].isdigit():
        return False
    return kid(value[:-1], method) == value
