from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def csrf_failure(request, reason=""):
    return render(
        request, "403.html",
        {"message": _("The form had expired or came from somewhere else. Go back, reload the "
                      "page and try again.")},
        status=403,
    )


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def robots_txt(request):
    """Crawlers may read the public pages; nothing behind a login is worth indexing."""
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /konto/", "Disallow: /start/", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")
