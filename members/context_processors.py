from .models import Partnership


def partnership(request):
    """The partnership's name and logo for every page header."""
    return {"partnership": Partnership.current()}


def document_context():
    """What every PDF's layout shows of the partnership (templates/pdf/base.html)."""
    return {"partnership": Partnership.current()}
