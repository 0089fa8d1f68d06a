"""The date filter's fast path gives what Django's own gives, in every language we speak."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.template.defaultfilters import date as django_date
from django.utils import translation
from django.utils.formats import get_format


@pytest.mark.parametrize("language", ["nb", "en"])
def test_dates_read_as_django_formats_them(language):
    day = datetime.date(2017, 6, 5)
    moment = datetime.datetime(2017, 6, 5, 23, 30, tzinfo=datetime.UTC)  # 06.06 in Oslo
    with translation.override(language):
        assert get_format("DATE_FORMAT") == "d.m.Y"
        page = Template("{{ day|date }} {{ moment|date }} {{ moment|date:'H:i' }}").render(
            Context({"day": day, "moment": moment}))
        local = moment.astimezone(zoneinfo.ZoneInfo("Europe/Oslo"))
        assert page == f"{django_date(day)} {django_date(local)} 01:30"
    assert page == "05.06.2017 06.06.2017 01:30"
