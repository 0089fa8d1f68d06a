from django.core.files.base import ContentFile

from common.models import StoredPdf
from meetings import minutes as minutes_service
from meetings import preparing, services
from meetings.models import CalendarFeed, LegalBasis, Seat
from tests.meetings.factories import at, make_body, make_meeting, make_seat, pdf_upload
from tests.meetings.holding_factories import decided

from .expect import LOGIN, PUBLIC, SECRETARIAT_ONLY, SECRETARIAT_POST_ONLY, expect

# Body A's non-public pages: its representative and the secretariat; 404 for the other body's
# representative, who may not know about them; finance officers have no meetings pages.
BODY_A = expect(LOGIN, 200, 404, 403, 403, 200)
REPRESENTATIVES = expect(LOGIN, 200, 200, 403, 403, 200)


def objects(cast):
    secretariat = cast.users["secretariat"]
    body_a = make_body("ssu", "Utvalg A")
    body_b = make_body("ssu", "Utvalg B")
    seat_a = make_seat(body_a, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    make_seat(body_b, cast.person_b, side=Seat.Side.MUNICIPALITIES)
    meeting_a = make_meeting(body_a, at(2030, 3, 1))
    make_meeting(body_b, at(2030, 3, 2))
    case_a = services.propose_case(body_a, title="Sak A", acting_user=secretariat)
    services.place_case(case_a, meeting_a, acting_user=secretariat)
    public = services.add_attachment(case_a, upload=pdf_upload(), title="Offentlig",
                                     screened=False, legal_basis="", acting_user=secretariat)
    screened = services.add_attachment(case_a, upload=pdf_upload(), title="Skjermet",
                                       screened=True, legal_basis=LegalBasis.HEALTH,
                                       acting_user=secretariat)
    services.send_notice(meeting_a, acting_user=secretariat)
    for kind, pk in [("meetings.notice", meeting_a.pk), ("meetings.case", case_a.pk)]:
        stored, _created = StoredPdf.objects.get_or_create(kind=kind, object_id=pk)
        stored.state = StoredPdf.State.READY
        stored.file.save("test.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    feed = CalendarFeed.objects.create(user=cast.users["rep_a"])
    queued = services.propose_case(body_a, title="I køen", acting_user=cast.users["rep_a"])
    # Drafts: a meeting whose notice is not sent, with a case and its papers on the agenda, and
    # a case someone else proposed that the secretariat declined.
    draft_meeting = make_meeting(body_a, at(2030, 5, 3))
    draft_case = services.propose_case(body_a, title="Utkast", acting_user=secretariat)
    services.place_case(draft_case, draft_meeting, acting_user=secretariat)
    draft_attachment = services.add_attachment(
        draft_case, upload=pdf_upload(), title="Utkast", screened=False, legal_basis="",
        acting_user=secretariat)
    for kind, pk in [("meetings.notice", draft_meeting.pk), ("meetings.case", draft_case.pk)]:
        stored, _created = StoredPdf.objects.get_or_create(kind=kind, object_id=pk)
        stored.state = StoredPdf.State.READY
        stored.file.save("draft.pdf", ContentFile(b"%PDF-1.4 draft"), save=True)
    declined = services.propose_case(body_a, title="Avvist", acting_user=secretariat)
    services.decline_case(declined, reason="Hører hjemme i FSU", acting_user=secretariat)
    # A queued case someone else proposed, and a declined one body A's representative proposed.
    queued_by_other = services.propose_case(body_a, title="Andres sak i køen",
                                            acting_user=secretariat)
    declined_own = services.propose_case(body_a, title="Eget forslag, avvist",
                                         acting_user=cast.users["rep_a"])
    services.decline_case(declined_own, reason="Saken er behandlet", acting_user=secretariat)
    # Minutes the secretariat is still writing, of a meeting body A's representative sat in.
    unsent = decided(secretariat, at(2030, 6, 20), "Utvalg med utkast til protokoll")
    make_seat(unsent.body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    draft_minutes = minutes_service.start_minutes(unsent.meeting, acting_user=secretariat)
    stored, _created = StoredPdf.objects.get_or_create(kind="meetings.minutes",
                                                       object_id=draft_minutes.pk)
    stored.state = StoredPdf.State.READY
    stored.file.save("draft.pdf", ContentFile(b"%PDF-1.4 draft"), save=True)
    secretariat_body = make_body("secretariat", "Sekretariatet")
    lead_seat = make_seat(secretariat_body)
    return {"body_a": body_a, "seat_a": seat_a, "meeting_a": meeting_a, "case_a": case_a,
            "queued_case": queued, "draft_meeting": draft_meeting, "draft_case": draft_case,
            "draft_attachment": draft_attachment, "declined_case": declined,
            "queued_by_other": queued_by_other, "declined_own": declined_own,
            "unsent_minutes_meeting": unsent.meeting,
            "secretariat": secretariat_body, "secretariat_seat": lead_seat,
            "agreement_token": preparing.agreement_token(meeting_a, cast.person_a),
            "public_attachment": public, "screened_attachment": screened, "feed": feed}


def _pk(key):
    return lambda o: {"pk": o[key].pk}


EXPECTATIONS = {
    "meetings:bodies": (None, REPRESENTATIVES),
    "meetings:body_create": (None, SECRETARIAT_ONLY),
    "meetings:body": (_pk("body_a"), BODY_A),
    "meetings:body_edit": (_pk("body_a"), SECRETARIAT_ONLY),
    "meetings:seat_create": (lambda o: {"body_pk": o["body_a"].pk}, SECRETARIAT_ONLY),
    "meetings:seat_edit": (_pk("seat_a"), SECRETARIAT_ONLY),
    "meetings:chair_create": (_pk("body_a"), SECRETARIAT_ONLY),
    "meetings:secretariat": (_pk("secretariat"), SECRETARIAT_ONLY),
    "meetings:plan_adopt": (_pk("body_a"), SECRETARIAT_ONLY),
    "meetings:mandate_adopt": (_pk("body_a"), SECRETARIAT_ONLY),
    "meetings:meeting_create": (_pk("body_a"), SECRETARIAT_ONLY),
    "meetings:case_propose": (_pk("body_a"), BODY_A),
    "meetings:body_ics": (_pk("body_a"), PUBLIC),
    "meetings:meeting": (_pk("meeting_a"), BODY_A),
    "meetings:meeting_edit": (_pk("meeting_a"), SECRETARIAT_ONLY),
    "meetings:opening_items": (_pk("meeting_a"), SECRETARIAT_POST_ONLY),
    "meetings:notice": (_pk("meeting_a"), SECRETARIAT_ONLY),
    "meetings:notice_send": (_pk("meeting_a"), SECRETARIAT_POST_ONLY),
    "meetings:notice_pdf": (_pk("meeting_a"), BODY_A),
    "meetings:meeting_cancel": (_pk("meeting_a"), SECRETARIAT_ONLY),
    "meetings:agreement_ask": (_pk("meeting_a"), SECRETARIAT_POST_ONLY),
    # The chair's button on their start page: any representative may press it; the service
    # refuses everyone but the body's chair and vice-chair (tests/meetings/test_preparing.py).
    "meetings:agenda_agree": (_pk("meeting_a"), expect(LOGIN, 405, 405, 403, 403, 405)),
    "meetings:agenda_agree_link": (lambda o: {"token": o["agreement_token"]}, PUBLIC),
    "meetings:case": (_pk("case_a"), BODY_A),
    "meetings:case_edit": (_pk("case_a"), SECRETARIAT_ONLY),
    "meetings:case_triage": (_pk("case_a"), SECRETARIAT_ONLY),
    "meetings:case_move": (_pk("case_a"), SECRETARIAT_POST_ONLY),
    "meetings:case_withdraw": (_pk("case_a"), SECRETARIAT_POST_ONLY),
    "meetings:attachment_add": (_pk("case_a"), SECRETARIAT_ONLY),
    "meetings:case_pdf": (_pk("case_a"), BODY_A),
    # A screened attachment is never served to the public, however the notice went out;
    # the public one is tested in tests/meetings/test_attachments.py.
    "meetings:attachment": (_pk("screened_attachment"), expect(404, 200, 404, 404, 404, 200)),
    "meetings:my_meetings": (None, REPRESENTATIVES),
    "meetings:calendar": (None, REPRESENTATIVES),
    "meetings:personal_ics": (lambda o: {"token": o["feed"].token}, PUBLIC),
}

# Drafts are the secretariat's until they are sent (security review 2, finding 6): the same
# URLs with other objects. Body A's representative sees a planned meeting, but not the cases
# on its agenda, their papers or the draft notice; a queued or declined case only as its
# proposer; minutes not before they are sent for comments.
DRAFT = expect(LOGIN, 404, 404, 403, 403, 200)
VARIANTS = [
    ("meetings:meeting", _pk("draft_meeting"), BODY_A),
    ("meetings:notice_pdf", _pk("draft_meeting"), DRAFT),
    ("meetings:case", _pk("draft_case"), DRAFT),
    ("meetings:case_pdf", _pk("draft_case"), DRAFT),
    ("meetings:attachment", _pk("draft_attachment"), expect(404, 404, 404, 404, 404, 200)),
    ("meetings:case", _pk("queued_case"), BODY_A),
    ("meetings:case", _pk("queued_by_other"), DRAFT),
    ("meetings:case", _pk("declined_case"), DRAFT),
    ("meetings:case", _pk("declined_own"), BODY_A),
    ("meetings:minutes", _pk("unsent_minutes_meeting"), BODY_A),
    ("meetings:minutes_pdf", _pk("unsent_minutes_meeting"), DRAFT),
]
