from .models import Partnership


def partnership(request):
    """The partnership's name and logo for every page header, loaded once per request (the
    start page renders each panel with the request, which runs this again)."""
    if not hasattr(request, "_partnership"):
        request._partnership = Partnership.current()
    return {"partnership": request._partnership}


def document_context():
    """What every PDF's layout shows of the partnership (templates/pdf/base.html)."""
    return {"partnership": Partnership.current()}
