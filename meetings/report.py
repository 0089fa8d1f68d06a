"""The annual report of a body (SSU's yearly report to the partnership meeting): meetings held
against the plan, cases handled, decisions, follow-ups and their status, and rule warnings
(late notices, late minutes)."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Min, Prefetch
from django.db.models.functions import ExtractYear
from django.utils import timezone

from common.documents import document

from .models import Body, Case, Decision, FollowUp, Meeting, MeetingPlan


@dataclass
class MeetingLine:
    meeting: Meeting
    cases: int
    notice_late: bool
    minutes_published: datetime.date | None
    minutes_late: bool
    notice_missing: bool = False
    notice_early: bool = False
    minutes_sent: datetime.date | None = None
    minutes_sent_late: bool = False

    @property
    def notice_in_time(self):
        """Only a notice that went out within the window is in time (R-PM-3)."""
        return self.meeting.notice_sent and not (self.notice_late or self.notice_early)


@dataclass
class AnnualReport:
    body: Body
    year: int
    plan: MeetingPlan | None
    meetings: list
    held: int
    decisions: list
    modes: dict
    follow_ups: list
    follow_up_status: dict
    mandate: object = None

    @property
    def below_plan(self):
        return self.held < self.body.meetings_per_year

    @property
    def late_notices(self):
        """Notices sent late, and those never sent although their day passed (R-PM-3)."""
        return [line for line in self.meetings if line.notice_late or line.notice_missing]

    @property
    def late_sent_minutes(self):
        """Minutes not sent to the participants within a week (R-PM-6), counted apart from
        their publication (R-SSU-11)."""
        return [line for line in self.meetings if line.minutes_sent_late]

    @property
    def early_notices(self):
        return [line for line in self.meetings if line.notice_early]

    @property
    def measures(self):
        """(status, count) of the follow-ups; a template cannot iterate a Counter's items."""
        return sorted(self.follow_up_status.items())

    @property
    def reports_measures_and_goals(self):
        """SSU reports yearly to the partnership meeting on its measures and goals."""
        return self.body.kind == Body.Kind.SSU

    @property
    def late_minutes(self):
        return [line for line in self.meetings if line.minutes_late]


def minutes_were_late(meeting_date, published_on, publication_days, today):
    """Published after the limit, or not published and the limit has passed (R-SSU-11)."""
    limit = meeting_date + datetime.timedelta(days=publication_days)
    return (published_on or today) > limit


def _local_date(moment):
    return timezone.localtime(moment).date() if moment else None


def build(body, year, today=None):
    today = today or timezone.localdate()
    local_year = ExtractYear("starts_at", tzinfo=timezone.get_current_timezone())
    meetings = list(Meeting.objects.active().filter(body=body).annotate(y=local_year)
                    .filter(y=year).select_related("body")
                    .annotate(first_published=Min("minutes__published_at"),
                              first_sent=Min("minutes__sent_at"))
                    .prefetch_related(Prefetch("cases", queryset=Case.objects.filter(
                        status=Case.Status.PLACED), to_attr="placed"))
                    .order_by("starts_at"))
    lines = []
    for meeting in meetings:
        public = meeting.body.is_public and meeting.is_public
        published = _local_date(meeting.first_published)
        sent = _local_date(meeting.first_sent)
        past = meeting.date < today
        lines.append(MeetingLine(
            meeting=meeting, cases=len(meeting.placed), notice_late=meeting.notice_was_late,
            notice_early=meeting.notice_was_early,
            notice_missing=not meeting.notice_sent and meeting.notice_due < today,
            minutes_published=published,
            # Every meeting whose limit passed counts: public minutes by their publication
            # (R-SSU-11), and all minutes by their sending to the participants (R-PM-6).
            minutes_late=past and public
            and minutes_were_late(meeting.date, published, body.publication_days, today),
            minutes_sent=sent,
            minutes_sent_late=past
            and minutes_were_late(meeting.date, sent, body.publication_days, today)))
    decisions = list(Decision.objects.filter(case__meeting__in=[m.pk for m in meetings])
                     .select_related("case").prefetch_related("follow_ups")
                     .order_by("case__meeting__starts_at", "case__position"))
    follow_ups = list(FollowUp.objects.filter(decision__in=[d.pk for d in decisions])
                      .select_related("decision__case", "responsible_person",
                                      "responsible_organisation", "responsible_body")
                      .order_by("due_on", "pk"))
    return AnnualReport(
        body=body, year=year, plan=MeetingPlan.objects.filter(body=body, year=year).first(),
        meetings=lines, held=sum(1 for m in meetings if m.status == Meeting.Status.HELD),
        decisions=decisions, modes=Counter(d.get_mode_display() for d in decisions),
        follow_ups=follow_ups,
        follow_up_status=Counter(f.get_status_display() for f in follow_ups),
        mandate=body.mandates.first())


@document("meetings.annual_report")
def annual_report_pdf(plan_pk):
    """Stored per meeting plan: one report per body and year."""
    plan = MeetingPlan.objects.select_related("body").get(pk=plan_pk)
    return "meetings/pdf/annual_report.html", {"report": build(plan.body, plan.year)}, (
        f"arsrapport-{plan.body.short_name or plan.body.pk}-{plan.year}.pdf")


