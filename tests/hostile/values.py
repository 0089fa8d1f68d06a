"""Hostile and malformed values sent to every form field and query parameter."""

TEXT = [
    "A" * 100_000,                                   # very long
    "abc\x00def",                                    # NUL byte
    "\u202egnp.exe",                                 # right-to-left override
    "<script>alert('hf')</script>",                  # HTML and script
    "\"><img src=x onerror=alert('hf')>",
    "'; DROP TABLE members_person; --",              # SQL fragment
    "1 OR 1=1",
    "😀👩‍⚕️🏳️‍🌈",                                    # emoji
    "-1", "-99999999999999999999999", "99999999999999999999999", "1e309", "NaN",
    "0001-01-01", "9999-12-31", "31.02.2026", "2026-13-45",
    "../../../../etc/passwd",
    '=HYPERLINK("https://evil.example","x")',        # a formula for spreadsheets (exports)
    "",                                              # missing
]
# A list where one value is expected (wrong type through the form encoding).
LISTS = [["1", "2"], ["<b>", "x"]]
QUERY = TEXT[1:] + ["A" * 5000]
SCRIPT_MARKERS = ["<script>alert('hf')</script>", "<img src=x onerror=alert('hf')>"]
