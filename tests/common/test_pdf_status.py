"""A stored PDF's state on its page: «being made» only while a job for it waits, kept up to
date through a status address instead of reloading the page."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from common.documents import status_token
from common.models import StoredPdf

DOWNLOAD = "/moter/mote/7/innkalling.pdf"


def shown(stored):
    with translation.override("nb"):
        return render_to_string("common/_pdf_status.html",
                                {"stored": stored, "download_url": DOWNLOAD})


def test_a_pdf_being_made_is_followed_without_reloading_the_page(db):
    stored = StoredPdf.objects.create(kind="meetings.notice", object_id=7)
    page = shown(stored)
    assert "PDF-en lages …" in page
    assert 'http-equiv="refresh"' not in page
    assert 'aria-live="polite"' in page
    status_url = reverse("common:pdf_status", args=[status_token(stored, DOWNLOAD)])
    assert f'data-pdf-status="{status_url}"' in page
    assert "js/pdf-status.js" in page


def test_without_a_job_nothing_is_being_made(db):
    page = shown(None)
    assert "PDF-en lages" not in page
    assert "Ingen PDF er laget ennå." in page
    assert "pdf-status.js" not in page and "data-pdf-status" not in page


def test_a_ready_pdf_is_not_followed(db):
    stored = StoredPdf.objects.create(kind="meetings.notice", object_id=7,
                                      state=StoredPdf.State.READY, file="pdf/2026/notice.pdf")
    page = shown(stored)
    assert "PDF-en lages" not in page and "pdf-status.js" not in page
    assert f'href="{DOWNLOAD}"' in page


def test_the_status_address_tells_the_state_of_the_moment(client, db):
    stored = StoredPdf.objects.create(kind="meetings.notice", object_id=7)
    url = reverse("common:pdf_status", args=[status_token(stored, DOWNLOAD)])
    assert "data-pending" in client.get(url).content.decode()
    StoredPdf.objects.filter(pk=stored.pk).update(state=StoredPdf.State.READY,
                                                  file="pdf/2026/notice.pdf")
    answer = client.get(url)
    assert answer["Cache-Control"].startswith("max-age=0")
    assert "data-pending" not in answer.content.decode()
    assert f'href="{DOWNLOAD}"' in answer.content.decode()


def test_a_forged_status_address_is_not_found(client, db):
    assert client.get(reverse("common:pdf_status", args=["forged"])).status_code == 404
