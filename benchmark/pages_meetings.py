"""The meetings pages and PDF work measured by `make bench` (see bench_setup and bench_pdf)."""

import time

from django.db.models import Count
from django.test import Client
from django.urls import reverse

from common.documents import build_html, render_now
from common.models import StoredPdf
from meetings.models import Meeting

NOTICE = "meetings.notice"
DOWNLOADS = 50


def big_meeting():
    """The latest held meeting with the most cases (20 in seed_scale) of the first body."""
    return (Meeting.objects.filter(status=Meeting.Status.HELD).annotate(case_count=Count("cases"))
            .order_by("-case_count", "body__name", "-starts_at").first())


def pages(users):
    meeting = big_meeting()
    return [
        ("meeting page, secretariat", meeting.get_absolute_url(), "secretariat"),
        ("my meetings, representative", "/moter/mine-moter/", "representative"),
        ("public meeting page, returning visitor",
         reverse("meetings:public_meeting", args=[meeting.pk]), "visitor"),
        ("follow-up overview, secretariat", reverse("meetings:follow_ups"), "secretariat"),
        ("body page, secretariat", reverse("meetings:body", args=[meeting.body_id]),
         "secretariat"),
    ]


def pdf_work(users, raw_render):
    """The notice of a 20-case meeting, rendered by the product and raw; then its stored file
    downloaded through the product's view."""
    meeting = big_meeting()
    html, _filename = build_html(NOTICE, meeting.pk)
    raw = min(raw_render(html) for _ in range(3))
    product = min(_render_notice(meeting.pk) for _ in range(3))
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(users["secretariat"])
    url = f"/moter/mote/{meeting.pk}/innkalling.pdf"
    started = time.perf_counter()
    for _ in range(DOWNLOADS):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"the stored notice answered {response.status_code}")
        b"".join(response.streaming_content)
    download = (time.perf_counter() - started) / DOWNLOADS
    return [
        {"label": f"notice of a {meeting.case_count}-case meeting (product / raw render)",
         "product": product, "raw": raw, "ratio": product / raw, "target": "≤ 1.5"},
        {"label": f"stored notice PDF downloaded, per request of {DOWNLOADS} "
                  "(raw render / download)",
         "product": download, "raw": raw, "ratio": raw / download, "target": "≥ 20"},
    ]


def _render_notice(pk):
    # Forget the fingerprint, so that render_now renders instead of keeping the stored file.
    StoredPdf.objects.filter(kind=NOTICE, object_id=pk).update(content_hash="")
    started = time.perf_counter()
    render_now(NOTICE, pk)
    return time.perf_counter() - started
