"""The demo's calendar, built from the day it is loaded, so that its first screens agree with
today: the held meetings lie behind, the next SSU meeting is three weeks ahead with its notice
out, and the few things late are late by days, not by months."""

import datetime
import zoneinfo

from django.utils import timezone

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
# SSU meets about every thirteen weeks (R-SSU-1: four a year; any calendar year holds at least
# four of a 91-day rhythm); the next meeting is 20 days ahead, inside its notice window.
SSU_EVERY, SSU_NEXT_IN, SSU_RANGE = 91, 20, range(-5, 8)
# The FSU twice a year; its last meeting was ten days ago and its minutes are three days late.
FSU_EVERY, FSU_LAST_AGO, FSU_RANGE = 182, 10, range(-2, 4)
# The partnership and dialogue meetings once a year (R-PM-1), the last seven weeks ago.
PM_EVERY, PM_LAST_AGO, PM_RANGE = 364, 49, range(-3, 3)


def today():
    return timezone.localdate()


def at(day, hour=10):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=OSLO)


def days(n):
    return datetime.timedelta(days=n)


def ssu_dates(day):
    """{k: meeting time}: k = 0 is the next meeting, negative ones are held."""
    first = day + days(SSU_NEXT_IN)
    return {k: at(first + days(k * SSU_EVERY)) for k in SSU_RANGE}


def fsu_dates(day):
    """{k: meeting time}: k = 0 was held ten days ago."""
    last = day - days(FSU_LAST_AGO)
    return {k: at(last + days(k * FSU_EVERY), 12) for k in FSU_RANGE}


def pm_dates(day):
    """{k: meeting time}: k = 0 was held seven weeks ago; the next year's is set (R-PM-2)."""
    last = day - days(PM_LAST_AGO)
    return {k: at(last + days(k * PM_EVERY), 9) for k in PM_RANGE}


def plan_adopted_on(year, day):
    """A year's meeting plan is adopted on 1 December the year before (R-SSU-2), or yesterday
    when that December has not come yet."""
    return min(datetime.date(year - 1, 12, 1), day - days(1))


def budget_year(day):
    """The demo's budget year: the one whose contributions were invoiced in January, at least
    six weeks ago. Its population figures are seed 003's of 1 January the year before."""
    return (day - days(60)).year
