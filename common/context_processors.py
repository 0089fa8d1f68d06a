def partnership(request):
    """The partnership's name and logo for every page header, loaded once per request."""
    from members.models import Partnership

    return {"partnership": Partnership.current()}
