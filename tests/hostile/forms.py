"""The forms of the product with a valid submission each, for the hostile-input test.

Each entry: (url name, kwargs builder or None, user of the cast, valid data builder), and the
url name of the page that shows the form when that is another one (with the same kwargs, or
with a kwargs builder of its own after it).
The fields themselves are read from the rendered page, so a field added to a form is fuzzed
without anyone listing it. Apps add their forms to FORMS.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from meetings import attendance as holding
from meetings import minutes as minutes_service
from meetings.models import Absence, LegalBasis, Seat
from tests.conftest import PASSWORD
from tests.meetings.factories import at, make_seat, pdf_upload
from tests.meetings.holding_factories import decided, ssu_meeting

NO_AGREED_SHARES = {"agreed-TOTAL_FORMS": "0", "agreed-INITIAL_FORMS": "0"}

FORMS = [
    ("account_login", None, "anonymous",
     lambda o: {"login": "sek@example.org", "password": "wrong password"}),
    ("account_reset_password", None, "anonymous", lambda o: {"email": "sek@example.org"}),
    ("members:user_invite", None, "secretariat",
     lambda o: {"email": "ny@example.org", "name": "Ny Bruker", "role": "secretariat"}),
    ("members:user", lambda o: {"pk": o["user"].pk}, "secretariat",
     lambda o: {"name": "Representant A", "role": "representative", "person": o["person"].pk}),
    ("members:population_edit", None, "secretariat",
     lambda o: {"source": "SSB tabell 07459", "population_1833": 26000}),
    ("members:organisation_create", None, "secretariat",
     lambda o: {"kind": "other", "name": "KS Nordland"}),
    ("members:organisation_edit", lambda o: {"pk": o["municipality"].pk}, "secretariat",
     lambda o: {"kind": "municipality", "name": "Rana", "number": "1833",
                "joined_on": "2023-01-01"}),
    # The file's own hostile contents are test_hostile_uploads'; here its other fields.
    ("members:population_import", None, "secretariat",
     lambda o: {"source": "SSB tabell 07459", "file": SimpleUploadedFile(
         "07459.csv", '"region";"år";"n"\n"1833 Rana";"2022";26000\n'.encode(),
         content_type="text/csv")}),
    ("members:person_create", None, "secretariat", lambda o: {"name": "Turid Hansen"}),
    ("members:person_edit", lambda o: {"pk": o["person"].pk}, "secretariat",
     lambda o: {"name": "Representant A"}),
    ("members:partnership_edit", None, "secretariat",
     lambda o: {"name": "Helsefellesskap Helgeland"}),
    ("agreements:agreement_create", None, "secretariat",
     lambda o: {"kind": "sub_agreement", "number": "Delavtale 9", "title": "Ny delavtale",
                "status": "draft"}),
    ("agreements:agreement_edit", lambda o: {"pk": o["agreement"].pk}, "secretariat",
     lambda o: {"kind": "cooperation", "number": "SA", "title": "Samarbeidsavtale",
                "status": "in_force"}),
    ("agreements:proposal_create", lambda o: {"pk": o["agreement"].pk}, "secretariat",
     lambda o: {"title": "Ny endring", "rationale": "Bedre samhandling"}),
    ("agreements:consent_add", lambda o: {"pk": o["awaiting"].pk}, "secretariat",
     lambda o: {"party": o["awaiting"].agreement.parties.order_by("pk").first().pk,
                "given_on": "01.02.2022", "reference": "Kommunestyresak 4/2022"}),
    ("agreements:withdrawal_create", None, "secretariat",
     lambda o: {"municipality": o["municipality"].pk, "notice_on": "01.03.2026",
                "reference": "Sak 2/2026", "document": pdf_upload("varsel.pdf")}),
    ("agreements:proposal_section", lambda o: {"pk": o["proposal"].pk}, "secretariat",
     lambda o: {"number": "2", "heading": "Oppgaver", "text": "<p>Nye oppgaver.</p>"}),
    ("agreements:revision_plan", lambda o: {"pk": o["agreement"].pk}, "secretariat",
     lambda o: {"planned_for": "01.06.2027"}),
    ("agreements:proposal_meeting", lambda o: {"pk": o["proposal"].pk}, "secretariat",
     lambda o: {"meeting": o["partnership_meeting"].pk}),
    ("agreements:proposal_adopt", lambda o: {"pk": o["proposal"].pk}, "secretariat",
     lambda o: {"meeting": o["partnership_meeting"].pk, "adopted_by_consensus": "on",
                "decision_reference": "PM-sak 4/2030", "in_force_from": "01.01.2031"}),
    ("account_change_password", None, "rep_a",
     lambda o: {"oldpassword": PASSWORD, "password1": "Nytt passord for Rana 2026",
                "password2": "Nytt passord for Rana 2026"}),
    ("meetings:body_create", None, "secretariat",
     lambda o: {"kind": "ssu", "name": "SSU Vefsn", "is_public": "on"}),
    ("meetings:body_edit", lambda o: {"pk": o["body_a"].pk}, "secretariat",
     lambda o: {"kind": "ssu", "name": "Utvalg A", "meetings_per_year": 4,
                "case_deadline_days": 28, "notice_min_days": 14, "notice_max_days": 28,
                "extraordinary_notice_days": 7, "objection_hours": 96, "publication_days": 7,
                "decision_mode": "vote", "trust_members": 7, "municipal_members": 7,
                "chair_term_years": 2, "member_term_years": 4}),
    ("meetings:seat_create", lambda o: {"body_pk": o["body_a"].pk}, "secretariat",
     lambda o: {"holder": o["person"].pk, "role": "observer", "side": "other",
                "starts_on": "2026-01-01"}),
    ("meetings:seat_edit", lambda o: {"pk": o["seat_a"].pk}, "secretariat",
     lambda o: {"holder": o["person"].pk, "role": "observer", "side": "other",
                "starts_on": "2026-01-01"}),
    ("meetings:chair_create", lambda o: {"pk": o["body_a"].pk}, "secretariat",
     lambda o: {"role": "chair", "person": o["person"].pk, "side": "trust",
                "starts_on": "2026-01-01"}),
    ("meetings:plan_adopt", lambda o: {"pk": o["body_a"].pk}, "secretariat",
     lambda o: {"year": 2027, "adopted_on": "2026-11-20"}),
    ("meetings:meeting_create", lambda o: {"pk": o["body_a"].pk}, "secretariat",
     lambda o: {"kind": "ordinary", "starts_at": "2030-05-20T10:00"}),
    ("meetings:meeting_edit", lambda o: {"pk": o["meeting_a"].pk}, "secretariat",
     lambda o: {"starts_at": "2030-03-01T10:00", "place": "Mo i Rana"}),
    ("meetings:mandate_adopt", lambda o: {"pk": o["body_a"].pk}, "secretariat",
     lambda o: {"text": "SSU følger opp avtalene.", "adopted_on": "2026-10-15"}),
    ("meetings:meeting_cancel", lambda o: {"pk": o["meeting_a"].pk}, "secretariat",
     lambda o: {"reason": "For få kan møte"}),
    ("meetings:case_propose", lambda o: {"pk": o["body_a"].pk}, "rep_a",
     lambda o: {"title": "Utskrivningsklare pasienter"}),
    ("meetings:case_edit", lambda o: {"pk": o["case_a"].pk}, "secretariat",
     lambda o: {"title": "Sak A", "presentation": "<p>Tekst</p>"}),
    ("meetings:case_triage", lambda o: {"pk": o["queued_case"].pk}, "secretariat",
     lambda o: {"action": "decline", "decline-reason": "Hører hjemme i FSU"}),
    ("meetings:attachment_add", lambda o: {"pk": o["case_a"].pk}, "secretariat",
     lambda o: {"title": "Vedlegg", "file": pdf_upload()}),
    ("meetings:case_screening", lambda o: {"pk": o["case_a"].pk}, "secretariat",
     lambda o: {"part": "papers", "legal_basis": LegalBasis.INTERNAL, "public_title": ""}),
    # The attachment's form is on its case's screening page, with the attachment's prefix.
    ("meetings:attachment_screening", lambda o: {"pk": o["screened_attachment"].pk},
     "secretariat", lambda o: _prefixed(f"a{o['screened_attachment'].pk}", {
         "screened": "on", "legal_basis": LegalBasis.PERSONNEL, "public_title": "Vedlegg"}),
     "meetings:case_screening", lambda o: {"pk": o["screened_attachment"].case_id}),
    ("meetings:secretariat", lambda o: {"pk": o["secretariat"].pk}, "secretariat",
     lambda o: {"role": "lead", "seat": o["secretariat_seat"].pk, "starts_on": "2027-01-01"}),
    ("finance:budget_create", None, "secretariat", lambda o: new_budget(o)),
    ("finance:budget_edit", lambda o: {"pk": o["draft_budget"].pk}, "secretariat",
     lambda o: draft_budget(o)),
    ("finance:cost_model_create", None, "secretariat",
     lambda o: {"name": "Agder 50/50 ny", "kind": "split", "fixed_percent": "50",
                "base_amount": "0", "rate": "0", "rounding": "1", **NO_AGREED_SHARES}),
    ("finance:cost_model_edit", lambda o: {"pk": o["cost_model"].pk}, "secretariat",
     lambda o: {"name": "50/50", "kind": "split", "fixed_percent": "50", "base_amount": "0",
                "rate": "0", "rounding": "1", **NO_AGREED_SHARES}),
    ("finance:grant_create", None, "secretariat",
     lambda o: {"year": "2031", "applicant": o["municipality"].pk, "amount_applied": "500000",
                "submitted_on": "01.02.2031"}),
    ("finance:grant_edit", lambda o: {"pk": o["grant"].pk}, "secretariat",
     lambda o: {"year": str(o["grant"].year), "applicant": o["grant"].applicant_id,
                "amount_applied": "600000", "submitted_on": "01.02.2026"}),
    ("finance:grant_backing", lambda o: {"pk": o["grant"].pk}, "secretariat",
     lambda o: {"municipality": o["municipality"].pk, "backed_on": "15.01.2026",
                "decision_reference": "Formannskapet sak 3/2026"}, "finance:grant"),
    ("finance:grant_award", lambda o: {"pk": o["grant"].pk}, "secretariat",
     lambda o: {"amount_awarded": "400000", "awarded_on": "01.05.2026",
                "award_reference": "Tilsagnsbrev 01.05.2026"}, "finance:grant"),
    ("finance:invoice_payment", lambda o: {"pk": o["invoice_x"].pk}, "secretariat",
     lambda o: {"paid_on": "10.02.2026"}, "finance:invoice"),
    ("finance:settings", None, "secretariat",
     lambda o: {"payment_days": "30", "kid_method": "mod10", "kid_length": "10",
                "vat_exemption_reason": "Utenfor mva-loven"}),
    ("meetings:attendance", lambda o: {"pk": o["open_meeting"].pk}, "secretariat",
     lambda o: {"seat": o["open_attendee"].pk}),
    # Conflicted rather than absent: the attendance stays, so the repeat finds it again.
    ("meetings:attendance_correct", lambda o: {"pk": o["open_attendance"].pk}, "secretariat",
     lambda o: {"to": "conflict", "cases": [o["open_case"].pk]}),
    ("meetings:decision", lambda o: {"pk": o["held_case"].pk}, "secretariat",
     lambda o: {"mode": "consensus", "text": "Vedtatt."}),
    ("meetings:follow_up_add", lambda o: {"pk": o["held_case"].pk}, "secretariat",
     lambda o: {"what": "Lag rutine", "body": o["follow_up"].responsible_body.pk,
                "due_on": "2030-09-01"}),
    ("meetings:follow_up", lambda o: {"pk": o["follow_up"].pk}, "secretariat",
     lambda o: {"status": "in_progress", "text": "Påbegynt"}),
    ("meetings:absence_report", lambda o: {"pk": o["open_meeting"].pk}, "rep_a",
     lambda o: {"kind": "whole"}),
    ("meetings:absence_link", lambda o: {"token": o["open_absence_token"]}, "anonymous",
     lambda o: {"kind": "whole"}),
    ("meetings:deputy_answer", lambda o: {"token": o["open_deputy_token"]}, "anonymous",
     lambda o: {"answer": "no"}),
    ("meetings:minutes", lambda o: {"pk": o["commented_meeting"].pk}, "rep_a",
     lambda o: {"passage": "attendance", "comment": "Jeg var til stede hele møtet."}),
]



def open_meeting(cast):
    """A meeting not yet held, for the forms that a held meeting closes (R-REC-2): the
    shared held meeting (tests/access) refuses attendance, absence and deputy answers.
    Representative A holds a seat on it; one trust member reported absence and the first on
    the deputy list was asked; the other trust member has reported nothing; a municipal
    member is recorded present."""
    secretariat = cast.users["secretariat"]
    held = ssu_meeting(secretariat, at(2030, 9, 10), "Utvalg som ennå ikke har møtt")
    seat_a = make_seat(held.body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    absence = holding.report_absence(held.meeting, held.trust1, kind=Absence.Kind.WHOLE,
                                     acting_user=secretariat)
    request = holding.summon_deputy(absence, acting_user=secretariat)
    attendance = holding.record_attendance(held.meeting, held.muni2, acting_user=secretariat)
    return {"open_meeting": held.meeting, "open_attendee": held.trust2,
            "open_attendance": attendance, "open_case": held.case1,
            "open_absence_token": holding.absence_token(held.meeting, seat_a),
            "open_deputy_token": holding.deputy_token(request)}


def minutes_out_for_comments(cast):
    """Minutes sent for comments, of a meeting where representative A holds a seat: they may
    object while the period runs (R-SSU-10)."""
    secretariat = cast.users["secretariat"]
    held = decided(secretariat, at(2030, 8, 20), "Utvalg med protokoll på høring")
    make_seat(held.body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    minutes = minutes_service.start_minutes(held.meeting, acting_user=secretariat)
    minutes_service.send_for_comments(minutes, acting_user=secretariat)
    return {"commented_meeting": held.meeting}


def _prefixed(prefix, data):
    return {f"{prefix}-{key}": value for key, value in data.items()}


def _lines(rows, initial=0):
    data = {"lines-TOTAL_FORMS": str(len(rows)), "lines-INITIAL_FORMS": str(initial),
            "lines-MIN_NUM_FORMS": "0", "lines-MAX_NUM_FORMS": "1000"}
    for index, row in enumerate(rows):
        data.update({f"lines-{index}-{key}": value for key, value in row.items()})
    return data


def new_budget(o):
    return {"year": "2030", "cost_model": str(o["cost_model"].pk), "notes": "",
            **_lines([{"kind": "cost", "description": "Lønn", "amount": "900000"}])}


def draft_budget(o):
    budget = o["draft_budget"]
    rows = [{"id": str(line.pk), "kind": line.kind, "description": line.description,
             "amount": str(line.amount)} for line in budget.lines.all()]
    return {"year": str(budget.year), "cost_model": str(budget.cost_model_id), "notes": "",
            **_lines(rows, initial=len(rows))}

# File fields: (url name, field, other data)
UPLOADS = [
    ("members:population_import", "file", "secretariat", {"source": "SSB"}),
    ("finance:payment_import", "file", "secretariat", {}),
]

# Forms that take a document (a PDF, an Office or OpenDocument file): each is sent ZIP bombs.
DOCUMENT_UPLOADS = [
    ("meetings:case_propose", lambda o: {"pk": o["body_a"].pk}, "attachment", "rep_a",
     {"title": "Utskrivningsklare pasienter"}),
    ("meetings:attachment_add", lambda o: {"pk": o["case_a"].pk}, "file", "secretariat",
     {"title": "Vedlegg"}),
]

# Text fields whose value reaches a CSV or XLSX export: (form, kwargs builder, user, valid data,
# field, exports as (url name, kwargs builder)). A municipality's name is in the allocation.
EXPORTED_TEXT_FIELDS = [
    ("members:organisation_edit", lambda o: {"pk": o["municipality"].pk}, "secretariat",
     lambda o: {"kind": "municipality", "name": "Rana", "number": "1833",
                "joined_on": "2023-01-01"}, "name",
     [("finance:allocation_csv", lambda o: {"pk": o["draft_budget"].pk}),
      ("finance:allocation_xlsx", lambda o: {"pk": o["draft_budget"].pk})]),
]

# Pages that confirm an accepted submission without a redirect: the signed absence link has
# no page of its own to go back to and answers with a thank-you page. A response rendered from
# one of these is an accepted submission, as a redirect is.
ACCEPTED_PAGES = {"meetings/thanks.html"}

# Tables that record rejected attempts on purpose: the audit log, and the notice to a person
# whose password logins were paused for an address (members.adapters): writes are expected.
BOOKKEEPING = {"common.AuditEvent", "common.OutgoingMail"}

# POST forms with fields that are not fuzzed here, and why.
NOT_FUZZED = {
    "set_language": "Django's own view; the language choice is checked against LANGUAGES",
    "account_reauthenticate": "allauth's own password check, behind the login rate limit",
    "mfa_reauthenticate": "allauth's own second-factor check, behind its rate limit",
}
