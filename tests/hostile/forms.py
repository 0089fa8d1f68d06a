"""The forms of the product with a valid submission each, for the hostile-input test.

Each entry: (url name, kwargs builder or None, user of the cast, valid data builder).
The fields themselves are read from the rendered page, so a field added to a form is fuzzed
without anyone listing it. Apps add their forms to FORMS.
"""

FORMS = [
    ("login", None, "anonymous",
     lambda o: {"username": "sek@example.org", "password": "wrong password"}),
    ("password_reset", None, "anonymous", lambda o: {"email": "sek@example.org"}),
    ("members:organisation_create", None, "secretariat",
     lambda o: {"kind": "other", "name": "KS Nordland"}),
    ("members:organisation_edit", lambda o: {"pk": o["municipality"].pk}, "secretariat",
     lambda o: {"kind": "municipality", "name": "Rana", "number": "1833",
                "joined_on": "2023-01-01"}),
    ("members:person_create", None, "secretariat", lambda o: {"name": "Turid Hansen"}),
    ("members:person_edit", lambda o: {"pk": o["person"].pk}, "secretariat",
     lambda o: {"name": "Representant A"}),
    ("members:partnership_edit", None, "secretariat",
     lambda o: {"name": "Helsefellesskap Helgeland"}),
    ("agreements:agreement_create", None, "secretariat",
     lambda o: {"kind": "sub_agreement", "number": "Delavtale 9", "title": "Ny delavtale",
                "status": "draft"}),
    ("agreements:proposal_section", lambda o: {"pk": o["proposal"].pk}, "secretariat",
     lambda o: {"number": "2", "heading": "Oppgaver", "text": "<p>Nye oppgaver.</p>"}),
    ("agreements:revision_plan", lambda o: {"pk": o["agreement"].pk}, "secretariat",
     lambda o: {"planned_for": "01.06.2027"}),
    ("password_change", None, "rep_a",
     lambda o: {"old_password": "wrong", "new_password1": "x", "new_password2": "y"}),
]

# File fields: (url name, field, other data)
UPLOADS = [
    ("members:population_import", "file", "secretariat", {"source": "SSB"}),
]

# Tables that record rejected attempts on purpose (throttling, audit): writes there are expected.
BOOKKEEPING = {"members.LoginThrottle", "common.AuditEvent"}
