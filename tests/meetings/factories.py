"""Small builders for meetings tests: bodies with their kind's rules, seats, meetings, cases."""

import datetime
import itertools
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile

from meetings import services
from meetings.models import Body, Meeting, Seat
from members.models import Person

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_names = itertools.count(1)


def at(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=OSLO)


def make_body(kind="ssu", name=None, **fields):
    body = Body.with_defaults(kind, name=name or f"Utvalg {next(_names)}", **fields)
    body.save()
    return body


def make_person(name=None, email=None, **fields):
    number = next(_names)
    return Person.objects.create(name=name or f"Person {number}",
                                 email=email if email is not None else f"p{number}@example.org",
                                 **fields)


def make_seat(body, person=None, role=Seat.Role.MEMBER, side=Seat.Side.TRUST, **fields):
    fields.setdefault("starts_on", datetime.date(2020, 1, 1))
    return Seat.objects.create(body=body, holder=person or make_person(), role=role, side=side,
                               **fields)


def make_meeting(body, starts_at=None, **fields):
    return Meeting.objects.create(body=body, starts_at=starts_at or at(2026, 6, 10), **fields)


def place(case_title, meeting, user, now=None, **kwargs):
    case = services.propose_case(meeting.body, title=case_title, acting_user=user,
                                 now=now)
    return services.place_case(case, meeting, acting_user=user, now=now, **kwargs)


def pdf_upload(name="vedlegg.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")
