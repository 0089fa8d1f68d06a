"""Pages for holding a meeting and what follows, the public pages and the OParl API."""

from django.core.files.base import ContentFile

from common.models import StoredPdf
from meetings import attendance as holding
from meetings.models import Absence, Attendance, DeputyRequest, FollowUp, MeetingPlan, Seat
from tests.meetings.factories import at, make_seat
from tests.meetings.holding_factories import published

from .expect import LOGIN, PUBLIC, SECRETARIAT_ONLY, SECRETARIAT_POST_ONLY, expect

BODY = expect(LOGIN, 200, 404, 403, 403, 200)
OWN_SEAT = expect(LOGIN, 200, 404, 403, 403, 404)


def objects(cast):
    secretariat = cast.users["secretariat"]
    held = published(secretariat, at(2030, 6, 10), "Utvalg med protokoll")
    seat = make_seat(held.body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    absence = Absence.objects.create(meeting=held.meeting, seat=held.trust1,
                                     kind=Absence.Kind.WHOLE)
    # Made directly: a held meeting refuses to summon deputies (R-REC-2).
    request = DeputyRequest.objects.create(absence=absence, deputy=held.list1)
    follow_up = FollowUp.objects.create(decision=held.case1.decision, what="Rutine",
                                        responsible_body=held.body)
    plan = MeetingPlan.objects.create(body=held.body, year=2030)
    for kind, pk in [("meetings.minutes", held.minutes.pk), ("meetings.annual_report", plan.pk)]:
        stored, _created = StoredPdf.objects.get_or_create(kind=kind, object_id=pk)
        stored.state = StoredPdf.State.READY
        stored.file.save("test.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return {"held_meeting": held.meeting, "held_case": held.case1, "absence": absence,
            "absence_token": holding.absence_token(held.meeting, seat),
            "deputy_token": holding.deputy_token(request), "follow_up": follow_up,
            "held_body": held.body,
            "attendance": Attendance.objects.filter(meeting=held.meeting).first()}


def _pk(key):
    return lambda o: {"pk": o[key].pk}


def _report(o):
    return {"pk": o["held_body"].pk, "year": 2030}


EXPECTATIONS = {
    "meetings:attendance": (_pk("held_meeting"), SECRETARIAT_ONLY),
    "meetings:attendance_correct": (_pk("attendance"), SECRETARIAT_ONLY),
    "meetings:meeting_held": (_pk("held_meeting"), SECRETARIAT_POST_ONLY),
    "meetings:absence_report": (_pk("held_meeting"), OWN_SEAT),
    "meetings:absence_link": (lambda o: {"token": o["absence_token"]}, PUBLIC),
    "meetings:deputy_summon": (_pk("absence"), SECRETARIAT_POST_ONLY),
    "meetings:absence_withdraw": (_pk("absence"), SECRETARIAT_POST_ONLY),
    "meetings:deputy_answer": (lambda o: {"token": o["deputy_token"]}, PUBLIC),
    "meetings:decision": (_pk("held_case"), SECRETARIAT_ONLY),
    "meetings:follow_up_add": (_pk("held_case"), SECRETARIAT_ONLY),
    "meetings:follow_ups": (None, SECRETARIAT_ONLY),
    "meetings:follow_up": (_pk("follow_up"), SECRETARIAT_ONLY),
    "meetings:minutes": (_pk("held_meeting"), BODY),
    "meetings:minutes_start": (_pk("held_meeting"), SECRETARIAT_POST_ONLY),
    "meetings:minutes_edit": (_pk("held_meeting"), SECRETARIAT_POST_ONLY),
    "meetings:minutes_send": (_pk("held_meeting"), SECRETARIAT_POST_ONLY),
    "meetings:minutes_publish": (_pk("held_meeting"), SECRETARIAT_POST_ONLY),
    "meetings:minutes_correct": (_pk("held_meeting"), SECRETARIAT_POST_ONLY),
    "meetings:minutes_pdf": (_pk("held_meeting"), BODY),
    "meetings:annual_report": (_pk("held_body"), SECRETARIAT_ONLY),
    "meetings:annual_report_make_pdf": (_report, SECRETARIAT_POST_ONLY),
    "meetings:annual_report_pdf": (_report, SECRETARIAT_ONLY),
    "meetings:public_bodies": (None, PUBLIC),
    "meetings:public_calendar": (None, PUBLIC),
    "meetings:public_meeting": (_pk("held_meeting"), PUBLIC),
    "meetings:public_search": (None, PUBLIC),
    "meetings:oparl_system": (None, PUBLIC),
    "meetings:oparl_list": (lambda o: {"kind": "meeting"}, PUBLIC),
    "meetings:oparl_object": (lambda o: {"kind": "meeting", "pk": o["held_meeting"].pk},
                              PUBLIC),
}
