"""The rows of the meeting page's agenda, made in Python: in the template each row cost about
55 µs (some twenty variables, three badges, a loop of attachments and two forms), most of
what the page costs. Every value shown is escaped with the standard library's html.escape,
which is what django.utils.html.escape does: without that one's lazy-text wrapper and
SafeString for each of the dozen values of a row, a row costs a few µs."""

from html import escape

from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .models import Case

ROW = '<tr><td>{label}</td><td><a href="{url}">{title}</a>{badges}</td><td>{files}</td>{order}</tr>'
BADGE = ' <span class="badge text-bg-{}">{}</span>'
ATTACHMENT = '<a href="{}">{}</a>{}'
# The secretariat's cell moving a case up or down the agenda, and taking it off.
ORDER_CELL = (
    '<td class="text-nowrap"><form method="post" action="{move}" class="d-inline">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    '<input type="hidden" name="direction" value="up">'
    '<button class="btn btn-link btn-sm p-0" type="submit">{up}'
    '<span class="visually-hidden"> {title}</span></button></form> '
    '<form method="post" action="{move}" class="d-inline">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    '<input type="hidden" name="direction" value="down">'
    '<button class="btn btn-link btn-sm p-0" type="submit">{down}'
    '<span class="visually-hidden"> {title}</span></button></form>{remove}</td>')
REMOVE_LINK = (' <a class="btn btn-link btn-sm p-0" href="{}">{}'
               '<span class="visually-hidden"> {}</span></a>')


def agenda_rows(request, cases, with_order):
    """The agenda's <tr> rows for `cases` from meetings.views._page_cases, with the column
    that reorders them if `with_order` (the secretariat)."""
    withdrawn, not_on_notice, late = (
        BADGE.format(style, escape(label)) for style, label in (
            ("secondary", _("Withdrawn")), ("warning", _("Not on the notice sent in advance")),
            ("info", _("Late case approved by the chair"))))
    screened = " ({})".format(escape(_("screened")))
    up, down, remove = escape(_("Up")), escape(_("Down")), escape(_("Remove"))
    csrf = escape(get_token(request)) if with_order else ""
    rows = []
    for case in cases:
        title = escape(case.title)
        badges = ((withdrawn if case.status == Case.Status.WITHDRAWN else "")
                  + (not_on_notice if case.not_on_notice else "")
                  + (late if case.is_late else ""))
        files = ", ".join(
            ATTACHMENT.format(escape(attachment.url), escape(attachment.title),
                              screened if attachment.screened else "")
            for attachment in case.files) or "–"
        order = ORDER_CELL.format(
            move=escape(case.move_url), csrf=csrf, up=up, down=down, title=title,
            remove=REMOVE_LINK.format(escape(case.triage_url), remove, title)
            if case.status == Case.Status.PLACED else "") if with_order else ""
        rows.append(ROW.format(label=escape(case.label), url=escape(case.url), title=title,
                               badges=badges, files=files, order=order))
    # Every value in them is escaped above and the rest is fixed markup.
    return mark_safe("".join(rows))
