from django.core.files.base import ContentFile

from common.models import StoredPdf
from meetings import preparing, services
from meetings.models import CalendarFeed, LegalBasis, Seat
from tests.meetings.factories import at, make_body, make_meeting, make_seat, pdf_upload

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
    return {"body_a": body_a, "secretariat": make_body("secretariat", "Sekretariatet"),
            "seat_a": seat_a, "meeting_a": meeting_a, "case_a": case_a,
            "agreement_token": preparing.agreement_token(meeting_a, cast.person_a),
            "queued_case": queued,
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
