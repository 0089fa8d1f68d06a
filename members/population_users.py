"""Who depends on population figures that an import replaces.

Other apps register a function that gets the changed figures — (municipality, year, previous,
new) — and returns lines for the user, e.g. the adopted budgets that were calculated from the
previous figure and keep it (finance). The member register itself knows no such app.
"""

_reporters = []


def reporter(function):
    _reporters.append(function)
    return function


def report(changes):
    """Lines for the user about figures that are about to be, or were, replaced."""
    changes = [c for c in changes if c.is_change]
    if not changes:
        return []
    return [line for function in _reporters for line in function(changes)]
