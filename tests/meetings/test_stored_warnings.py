"""The secretariat's rule warnings are worked out once and kept (meetings.warnings
current_warnings) until what they come from changes, through whichever door, or the day."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from common import history
from meetings import services, warnings
from meetings.models import Body, Seat, StoredWarnings
from meetings.warnings import current_warnings, warnings_for
from tests.meetings.factories import make_body, make_person, make_seat

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 1)


def _shown(today=TODAY):
    return [(entry.body_id, entry.url, w.rule, w.message, w.citation)
            for entry in current_warnings(today) for w in entry.warnings]


def _worked_out(today=TODAY):
    return [(body.pk, body.get_absolute_url(), w.rule, w.message, w.citation)
            for body, found in warnings_for(Body.objects.all(), today) for w in found]


def _composed_ssu():
    """An SSU whose members are complete on the trust's side, so that one seat more or less
    shows in the R-SSU-13 warning."""
    body = make_body("ssu", "SSU Lagret", trust_members=1, municipal_members=0)
    make_seat(body, side=Seat.Side.TRUST)
    return body


def test_the_stored_warnings_are_those_worked_out(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _composed_ssu()
    assert _shown() == _worked_out()
    stored = StoredWarnings.objects.get()
    assert (stored.worked_out, stored.day) == (stored.generation, TODAY)


def test_a_kept_result_is_read_in_one_query(django_assert_num_queries,
                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _composed_ssu()
    first = _shown()
    with django_assert_num_queries(1):
        assert _shown() == first


def test_a_seat_saved_through_the_service_counts_as_a_change(cast,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        body = _composed_ssu()
    assert not [w for w in _shown() if w[2] == "R-SSU-13" and w[0] == body.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.save_seat(Seat(body=body, holder=make_person(), role=Seat.Role.MEMBER,
                                side=Seat.Side.TRUST, starts_on=datetime.date(2020, 1, 1)),
                           acting_user=cast.users["secretariat"])
    assert [w for w in _shown() if w[2] == "R-SSU-13" and w[0] == body.pk]
    assert _shown() == _worked_out()


def test_a_seat_deleted_in_the_admin_counts_as_a_change(cast,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        body = _composed_ssu()
        extra = make_seat(body, side=Seat.Side.TRUST)
    assert [w for w in _shown() if w[2] == "R-SSU-13" and w[0] == body.pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("secretariat").post(
            reverse("admin:meetings_seat_delete", args=[extra.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not [w for w in _shown() if w[2] == "R-SSU-13" and w[0] == body.pk]


def test_seats_made_in_bulk_count_as_a_change(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        body = _composed_ssu()
    _shown()
    with django_capture_on_commit_callbacks(execute=True):
        history.bulk_create_by(Seat, [Seat(body=body, holder=make_person(), role="member",
                                           side="trust", starts_on=datetime.date(2020, 1, 1))],
                               cast.users["secretariat"])
    assert [w for w in _shown() if w[2] == "R-SSU-13" and w[0] == body.pk]


def test_a_holders_new_name_counts_as_a_change(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        body = make_body("lsu", "LSU Lagret", member_term_years=4)
        holder = make_person("Gammelt Navn")
        make_seat(body, holder, starts_on=datetime.date(2015, 1, 1))
    assert any("Gammelt Navn" in w[3] for w in _shown())
    with django_capture_on_commit_callbacks(execute=True):
        holder.name = "Nytt Navn"
        holder.save()
    assert any("Nytt Navn" in w[3] for w in _shown())
    assert not any("Gammelt Navn" in w[3] for w in _shown())


def test_a_new_day_is_worked_out_anew(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_body("ssu", "SSU Planløs")
    november, september = _shown(TODAY), _shown(datetime.date(2026, 8, 1))
    # From September next year's plan is due (R-SSU-2): one warning more in November.
    assert len(november) == len(september) + 1
    assert StoredWarnings.objects.get().day == datetime.date(2026, 8, 1)


def test_warnings_worked_out_while_a_change_was_committed_are_not_kept(
        django_capture_on_commit_callbacks):
    """A start page that read the data just before a change was committed stores what it
    found under the generation it read first; the change counts the generation up, so the
    next page works them out again instead of keeping the old ones."""
    with django_capture_on_commit_callbacks(execute=True):
        body = _composed_ssu()
    _shown()
    stored = StoredWarnings.objects.get()
    # The change commits and is counted; then the slower page stores what it read before.
    with django_capture_on_commit_callbacks(execute=True):
        make_seat(body, side=Seat.Side.TRUST)
    StoredWarnings.objects.filter(pk=stored.pk).update(worked_out=stored.generation,
                                                       day=TODAY)
    assert [w for w in _shown() if w[2] == "R-SSU-13" and w[0] == body.pk]



def test_a_slower_page_does_not_overwrite_what_a_later_one_stored(
        monkeypatch, django_capture_on_commit_callbacks):
    """A page works the warnings out from an out-of-date row; meanwhile a change commits and
    a second page works them out again and stores them. The first keeps its result to
    itself: the row stays current."""
    with django_capture_on_commit_callbacks(execute=True):
        body = _composed_ssu()
    with django_capture_on_commit_callbacks(execute=True):
        make_seat(body, side=Seat.Side.TRUST)
    worked_out = warnings.all_warnings

    def while_a_change_commits(today=None):
        found = worked_out(today)
        monkeypatch.setattr(warnings, "all_warnings", worked_out)
        warnings._count_change()
        _shown()  # the second page
        return found

    monkeypatch.setattr(warnings, "all_warnings", while_a_change_commits)
    _shown()
    stored = StoredWarnings.objects.get()
    assert stored.worked_out == stored.generation
    assert _shown() == _worked_out()


def test_a_row_without_the_bodies_names_is_worked_out_again(
        django_capture_on_commit_callbacks):
    """As a process of the version before stores them, during a deployment."""
    with django_capture_on_commit_callbacks(execute=True):
        _composed_ssu()
    current = _shown()
    stored = StoredWarnings.objects.get()
    StoredWarnings.objects.filter(pk=stored.pk).update(
        warnings=[[pk, found] for pk, _name, found in stored.warnings])
    assert _shown() == current
    assert all(len(entry) == 3 for entry in StoredWarnings.objects.get().warnings)

def test_the_body_page_and_the_list_of_bodies_show_the_stored_warnings(
        cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        body = make_body("ssu", "SSU Uten Plan")
    client = cast.client("secretariat")
    warning = next(w for w in _shown(timezone.localdate()) if w[0] == body.pk)
    for url in (reverse("meetings:body", args=[body.pk]), reverse("meetings:bodies")):
        page = client.get(url).content.decode()
        # Where the start page's links lead.
        assert escape(warning[3]) in page and 'id="h-warnings"' in page, url


def test_the_start_page_counts_each_bodys_warnings_and_links_to_them(
        cast, django_capture_on_commit_callbacks):
    """Twenty bodies may have over a hundred warnings: the start page shows where they are,
    the list of bodies and each body's page what they say."""
    with django_capture_on_commit_callbacks(execute=True):
        body = make_body("ssu", "SSU Uten Plan")
    shown = current_warnings(timezone.localdate())
    ours = next(entry for entry in shown if entry.body_id == body.pk)
    total = sum(len(entry.warnings) for entry in shown)
    page = cast.client("secretariat").get(reverse("start")).content.decode()
    panel = page[page.index('id="panel-meeting-warnings"'):]
    panel = panel[:panel.index("</section>")]
    assert (f'<tr><th scope="row" class="fw-normal"><a href="{body.get_absolute_url()}'
            f'#h-warnings">SSU Uten Plan</a></th><td class="text-end">{len(ours.warnings)}'
            '</td></tr>') in panel
    assert panel.count('<tr><th scope="row"') == len(shown)
    assert f'href="{reverse("meetings:bodies")}#h-warnings">Se alle {total} varslene' in panel
    assert escape(ours.warnings[0].message) not in panel


@pytest.mark.parametrize(("counts", "shown"), [
    ([("/moter/organ/1/#h-warnings", "SSU", 1)], "Se varselet"),
    ([], "Ingen regelvarsler."),
])
def test_the_panel_names_one_warning_and_none(counts, shown):
    with translation.override("nb"):
        html = render_to_string("meetings/_panel_warnings.html", {
            "counts": counts, "bodies_url": "/moter/",
            "total": sum(count for _url, _name, count in counts)})
    assert shown in html
