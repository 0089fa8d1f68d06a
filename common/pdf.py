"""PDFs through WeasyPrint: archival (PDF/A-2a, tagged) and fetching nothing but our own static
files, so that a document can never reach the network or the file system."""

import functools
import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

STATIC_BASE = "https://static.invalid/"


class FetchRefused(ValueError):
    pass


@functools.cache
def _fetcher_class():
    # WeasyPrint takes two seconds to import: only the processes that render load it.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class OwnFilesFetcher(URLFetcher):
        """WeasyPrint calls `fetch` for every stylesheet and image and wants a
        URLFetcherResponse back; a refusal is an exception it reports as a warning, leaving
        the resource out while the render goes on."""

        def fetch(self, url, headers=None):
            found = _own_file(url)
            if found is None:
                raise FetchRefused(f"PDF rendering may not fetch {url!r}")
            content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return URLFetcherResponse(url, Path(found).read_bytes(),
                                      headers={"Content-Type": content_type})

    return OwnFilesFetcher


def url_fetcher():
    """A WeasyPrint URL fetcher that serves /static/… and the partnership's logo from disk and
    refuses everything else: other schemes (file:, data:, http:) and paths outside the two
    folders."""
    return _fetcher_class()()


def _own_file(url):
    if not url.startswith(STATIC_BASE):
        return None
    path = url[len(STATIC_BASE):].split("?")[0].split("#")[0]
    if path.startswith("media/"):
        return _inside(Path(settings.MEDIA_ROOT), path[len("media/"):])
    if path.startswith("static/") and ".." not in Path(path).parts:
        return finders.find(path.removeprefix("static/"))
    return None


def _inside(root, relative):
    candidate = (root / relative).resolve()
    if root.resolve() in candidate.parents and candidate.is_file():
        return str(candidate)
    return None


def html_to_pdf(html, variant="pdf/a-2a"):
    from weasyprint import HTML

    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=url_fetcher()).write_pdf(
        pdf_variant=variant, pdf_tags=True, uncompressed_pdf=False,
    )


def warm_up():
    """One tiny render: loads WeasyPrint, fontconfig and the fonts."""
    html_to_pdf("<!doctype html><html lang=nb><title>.</title><p>.</p></html>")


# Functions returning what every document's layout needs (the partnership's name and logo),
# registered by the app that knows it, so that this module knows no domain app.
_layout_context = []


def add_layout_context(provide):
    _layout_context.append(provide)
    return provide


def render_html(template_name, context, language=None):
    """The print version of a page, in Norwegian unless told otherwise."""
    base = {"STATIC_BASE": STATIC_BASE}
    for provide in _layout_context:
        base.update(provide())
    with translation.override(language or settings.LANGUAGE_CODE):
        return render_to_string(template_name, {**base, **context})
