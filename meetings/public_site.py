"""The public site's body pages and Atom feeds, no login. What they show is the same for
every visitor, so shared caches may keep it for a while (`public_page`); a logged-in visitor's
copy is never kept (common.middleware)."""

from functools import wraps

from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from common.links import absolute_url, site_url
from members.models import Partnership

from .access import get_public_body, public_meetings
from .models import Minutes, Seat

PUBLIC_PAGE_SECONDS = 300
FEED_ENTRIES = 50


def public_page(view):
    """The same page for every visitor: cacheable by browsers and shared caches."""
    return wraps(view)(cache_control(public=True, max_age=PUBLIC_PAGE_SECONDS)(view))


def _seats(body):
    seats = (Seat.objects.current().filter(body=body)
             .exclude(role=Seat.Role.SECRETARIAT)
             .select_related("holder__organisation", "appointed_by", "deputy_for__holder"))
    seats = sorted(seats, key=Seat.sort_key)
    return ([s for s in seats if not s.is_deputy], [s for s in seats if s.is_deputy])


@public_page
def body_detail(request, pk):
    """What a body is (kind, mandate, members with their organisation and role, deputies),
    and its meetings of the year asked for (?år=, this year by default)."""
    body = get_public_body(pk)
    meetings = (public_meetings().filter(body=body).annotate(
        has_minutes=Exists(Minutes.objects.published().filter(meeting=OuterRef("pk"))))
        .order_by("starts_at"))
    years = sorted({d.year for d in meetings.dates("starts_at", "year")}, reverse=True)
    today = timezone.localdate()
    asked = request.GET.get("år", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else (
        today.year if today.year in years or not years else years[0])
    members, deputies = _seats(body)
    return render(request, "meetings/public/body.html", {
        "body": body, "members": members, "deputies": deputies, "years": years,
        "year": year, "meetings": list(meetings.filter(starts_at__year=year))})


def _entries(body=None):
    """Newly published agendas (the notice went out) and minutes, newest first."""
    meetings = public_meetings()
    minutes = Minutes.objects.published().filter(meeting__in=meetings).select_related(
        "meeting__body")
    if body is not None:
        meetings, minutes = meetings.filter(body=body), minutes.filter(meeting__body=body)
    entries = [(m.notice_sent_at, _("Agenda: %(meeting)s") % {"meeting": m},
                site_url("meetings:public_meeting", m.pk), f"agenda-{m.pk}")
               for m in meetings.order_by("-notice_sent_at")[:FEED_ENTRIES]]
    entries += [(v.published_at, _("Minutes: %(meeting)s, version %(version)s") % {
                    "meeting": v.meeting, "version": v.version},
                 site_url("meetings:public_meeting", v.meeting_id) + f"?versjon={v.version}",
                 f"minutes-{v.pk}")
                for v in minutes.order_by("-published_at")[:FEED_ENTRIES]]
    return sorted(entries, key=lambda entry: entry[0], reverse=True)[:FEED_ENTRIES]


def _feed(request, title, link, entries):
    feed = Atom1Feed(title=title, link=link, description="", language="nb",
                     feed_url=absolute_url(request.get_full_path()))
    for when, entry_title, url, key in entries:
        feed.add_item(title=entry_title, link=url, description=entry_title,
                      unique_id=f"tag:helsefellesskap,{when:%Y-%m-%d}:{key}",
                      updateddate=when, pubdate=when)
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


@public_page
def feed_all(request):
    partnership = Partnership.current()
    return _feed(request, _("%(name)s: agendas and minutes") % {
        "name": partnership or "Helsefellesskap"},
        site_url("meetings:public_bodies"), _entries())


@public_page
def feed_body(request, pk):
    body = get_public_body(pk)
    return _feed(request, _("%(name)s: agendas and minutes") % {"name": body},
                 site_url("meetings:public_body", body.pk), _entries(body))

