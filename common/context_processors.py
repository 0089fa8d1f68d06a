def partnership(request):
    """The partnership's name and logo for every page header, loaded once per request (the
    start page renders each panel with the request, which runs this again)."""
    from members.models import Partnership

    if not hasattr(request, "_partnership"):
        request._partnership = Partnership.current()
    return {"partnership": request._partnership}
