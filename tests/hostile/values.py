"""Hostile and malformed values sent to every form field and query parameter, by class.

A field gets one value of each class per run, a different one for each field of the form (so
every value is tried on some field), instead of every value on every field.
"""

CLASSES = {
    "long": ["A" * 100_000],
    "control": ["abc\x00def", "\u202egnp.exe"],               # NUL byte, right-to-left override
    "markup": ["<script>alert('hf')</script>", "\"><img src=x onerror=alert('hf')>"],
    "injection": ["'; DROP TABLE members_person; --", "1 OR 1=1", "../../../../etc/passwd",
                  '=HYPERLINK("https://evil.example","x")'],  # SQL, paths, spreadsheet formulas
    "emoji": ["😀👩‍⚕️🏳️‍🌈"],
    "number": ["-1", "-99999999999999999999999", "99999999999999999999999", "1e309", "NaN"],
    "date": ["0001-01-01", "9999-12-31", "31.02.2026", "2026-13-45"],
    "missing": [""],
    # A list where one value is expected (wrong type through the form encoding).
    "list": [["1", "2"], ["<b>", "x"]],
}
# Every text value, one after the other (the burst of parallel logins takes some).
TEXT = [value for values in CLASSES.values() for value in values if isinstance(value, str)]
QUERY_CLASSES = {name: values for name, values in CLASSES.items() if name != "list"}
QUERY_CLASSES["long"] = ["A" * 5000]
SCRIPT_MARKERS = ["<script>alert('hf')</script>", "<img src=x onerror=alert('hf')>"]


def value_for(values, index):
    """The value of a class that the index-th field (or parameter) gets."""
    return values[index % len(values)]
