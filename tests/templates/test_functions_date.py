"""Date functions: documented examples with a fixed clock, .NET formats and errors."""

import datetime

import pytest

from azcli.emulator.templates.errors import TemplateError

from .helpers import ev, make_context

DOCUMENTED_NOW = datetime.datetime(2019, 3, 5, 17, 53, 18, tzinfo=datetime.timezone.utc)


def at(moment):
    return make_context(now=moment)


@pytest.mark.parametrize("expression, expected", [
    ("utcNow()", "20190305T175318Z"), ("utcNow('d')", "03/05/2019"), ("utcNow('M d')", "3 5"),
    ("utcNow('u')", "2019-03-05 17:53:18Z"), ("utcNow('yyyy-MM-dd')", "2019-03-05"),
    ("utcNow('s')", "2019-03-05T17:53:18"), ("utcNow('o')", "2019-03-05T17:53:18.0000000Z"),
    ("utcNow('R')", "Tue, 05 Mar 2019 17:53:18 GMT"), ("utcNow('hh:mm tt')", "05:53 PM"),
    ("utcNow('dddd, MMMM d')", "Tuesday, March 5"), ("utcNow('''at'' HH\\h')", "at 17h"),
])
def test_utc_now_formats(expression, expected):
    assert ev(expression, at(DOCUMENTED_NOW)) == expected


def test_utc_now_without_a_clock_is_the_current_time():
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    value = datetime.datetime.strptime(ev("utcNow('u')"), "%Y-%m-%d %H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    assert before <= value <= before + datetime.timedelta(seconds=5)


@pytest.mark.parametrize("duration, documented", [
    # Documented with baseTime 2020-04-07 14:53:14Z, displayed as en-US dates.
    ("P3Y", "4/7/2023 2:53:14 PM"), ("-P9D", "3/29/2020 2:53:14 PM"), ("PT1H", "4/7/2020 3:53:14 PM"),
])
def test_date_time_add_documented(duration, documented):
    result = ev(f"dateTimeAdd('2020-04-07 14:53:14Z', '{duration}')")
    expected = datetime.datetime.strptime(documented, "%m/%d/%Y %I:%M:%S %p")
    assert result == expected.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize("base, duration, expected", [
    # P1Y is 365 days and P1M 30 days, leap years or not (documented remarks).
    ("2023-01-01 00:00:00Z", "P1Y", "2024-01-01T00:00:00Z"), ("2024-01-01 00:00:00Z", "P1Y", "2024-12-31T00:00:00Z"),
    ("2023-02-01 00:00:00Z", "P1M", "2023-03-03T00:00:00Z"), ("2024-02-01 00:00:00Z", "P1M", "2024-03-02T00:00:00Z"),
    ("2020-01-01T00:00:00Z", "P1DT2H30M15S", "2020-01-02T02:30:15Z"),
])
def test_date_time_add_calendar_rules(base, duration, expected):
    assert ev(f"dateTimeAdd('{base}', '{duration}')") == expected


def test_date_time_add_with_a_format():
    assert ev("dateTimeAdd('2020-04-07T14:53:14Z', 'PT1H', 'yyyy-MM-dd HH:mm')") == "2020-04-07 15:53"


def test_epoch_round_trip():
    assert ev("dateTimeFromEpoch(1683040573)") == "2023-05-02T15:16:13Z"
    assert ev("dateTimeToEpoch('2023-05-02T15:16:13Z')") == 1683040573
    assert ev("dateTimeToEpoch(dateTimeAdd(dateTimeFromEpoch(0), 'P1D'))") == 86400


@pytest.mark.parametrize("expression, fragment", [
    ("dateTimeAdd('yesterday', 'P1D')", "not a valid ISO 8601 date and time"),
    ("dateTimeAdd('2020-01-01', 'one day')", "not a valid ISO 8601 duration"),
    ("dateTimeAdd('2020-01-01', 'P')", "not a valid ISO 8601 duration"),
    ("dateTimeFromEpoch('1')", "must be of type 'Integer'"),
    ("utcNow(1)", "must be of type 'String'"),
])
def test_errors(expression, fragment):
    with pytest.raises(TemplateError) as caught:
        ev(expression)
    assert fragment in caught.value.message
