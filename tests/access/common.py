from .expect import LOGIN, PUBLIC, SECRETARIAT_ONLY


def objects(cast):
    from common.documents import status_token
    from common.models import StoredPdf

    stored = StoredPdf.objects.create(kind="meetings.notice", object_id=1)
    return {"pdf_status_token": status_token(stored, "/moter/mote/1/innkalling.pdf")}


EXPECTATIONS = {
    # Monitoring probes it without logging in.
    "common:healthz": (None, PUBLIC),
    "common:audit_log": (None, SECRETARIAT_ONLY),
    # The signed address is the permission: only a page that showed the PDF hands it out.
    "common:pdf_status": (lambda o: {"token": o["pdf_status_token"]}, PUBLIC),
}

__all__ = ["EXPECTATIONS", "LOGIN", "objects"]
