"""PDFs through WeasyPrint: archival (PDF/A-2a, tagged) and fetching nothing but our own static
files, so that a document can never reach the network or the file system."""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

STATIC_BASE = "https://static.invalid/"


class FetchRefused(ValueError):
    pass


def url_fetcher(url, timeout=10, ssl_context=None):
    """Serve /static/… and the partnership's logo from disk; refuse everything else."""
    if url.startswith(STATIC_BASE):
        path = url[len(STATIC_BASE):].split("?")[0]
        if path.startswith("media/"):
            found = _inside(Path(settings.MEDIA_ROOT), path[len("media/"):])
        elif ".." not in Path(path).parts:
            found = finders.find(path.removeprefix("static/"))
        else:
            found = None
        if found:
            data = Path(found).read_bytes()
            return {"string": data, "mime_type": mimetypes.guess_type(found)[0],
                    "redirected_url": url}
    raise FetchRefused(f"PDF rendering may not fetch {url!r}")


def _inside(root, relative):
    candidate = (root / relative).resolve()
    if root.resolve() in candidate.parents and candidate.is_file():
        return str(candidate)
    return None


def html_to_pdf(html, variant="pdf/a-2a"):
    from weasyprint import HTML

    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=url_fetcher).write_pdf(
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
