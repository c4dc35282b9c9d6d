"""Times, recurrences, reminder text and spoken schedules."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from assistant.errors import ReminderError
from assistant.reminders import parse

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        (None, None),
        ("once", None),
        ("30m", "FREQ=MINUTELY;INTERVAL=30"),
        ("6h", "FREQ=HOURLY;INTERVAL=6"),
        ("2 days", "FREQ=DAILY;INTERVAL=2"),
        ("daily", "FREQ=DAILY"),
        ("weekly", "FREQ=WEEKLY"),
        ("RRULE:FREQ=DAILY;BYHOUR=8,20", "FREQ=DAILY;BYHOUR=8,20"),
        ("freq=weekly;byday=mo", "FREQ=WEEKLY;BYDAY=MO"),
    ],
)
def test_parse_every_accepts(value: str | None, rule: str | None) -> None:
    assert parse.parse_every(value) == rule


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0m", "at least 1 minute"),
        ("0h", "at least 1 minute"),
        ("FREQ=HOURLY;INTERVAL=0", "at least 1"),
        ("fortnightly", "expected 30m, 6h, daily, weekly"),
        ("FREQ=SECONDLY", "every minute"),
        ("FREQ=DAILY;DTSTART=20260101T000000", "--at"),
        ("FREQ=NEVER", "not a valid"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", "never falls due"),
        ("FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=31", "use only INTERVAL"),
        ("FREQ=DAILY;UNTIL=20270101T000000Z", "--until"),
    ],
)
def test_parse_every_rejects(value: str, message: str) -> None:
    with pytest.raises(ReminderError, match=message):
        parse.parse_every(value)


def test_parse_local_time_is_in_the_given_zone() -> None:
    when = parse.parse_local_time("2027-03-28T08:00", LONDON)
    assert when.utcoffset() is not None and when.utcoffset().total_seconds() == 3600  # type: ignore[union-attr]
    assert parse.local_iso(when, LONDON) == "2027-03-28T08:00"


@pytest.mark.parametrize("value", ["2027-02-31T08:00", "tomorrow", "", "2027-13-01T08:00"])
def test_parse_local_time_rejects_impossible_dates(value: str) -> None:
    with pytest.raises(ReminderError, match="expected local ISO 8601"):
        parse.parse_local_time(value, LONDON, "--at")


def test_thirty_first_of_february_says_why() -> None:
    with pytest.raises(ReminderError, match="day is out of range"):
        parse.parse_date("2027-02-31")
    assert parse.parse_date("2026-11-20") == date(2026, 11, 20)


def test_text_limits() -> None:
    assert parse.check_text("  Take your 'painkillers'; DROP TABLE reminders;--  ") == (
        "Take your 'painkillers'; DROP TABLE reminders;--"
    )
    with pytest.raises(ReminderError, match="100000 characters long: the limit is 500"):
        parse.check_text("x" * 100_000)
    with pytest.raises(ReminderError, match="control character"):
        parse.check_text("Take\x07 them")
    with pytest.raises(ReminderError, match="empty"):
        parse.check_text("   ")
    assert parse.check_text("x" * 500) == "x" * 500


def test_unknown_kind_names_the_choices() -> None:
    with pytest.raises(ReminderError, match="unknown kind 'pill': expected one of medication"):
        parse.check_kind("pill")


def test_unknown_zone() -> None:
    with pytest.raises(ReminderError, match="Mars/Olympus"):
        parse.resolve_zone("Mars/Olympus")
    assert parse.resolve_zone("Europe/London") == LONDON


@pytest.mark.parametrize(
    ("when", "clock", "time"),
    [
        (datetime(2027, 1, 15, 8, 0), "8 o'clock", "8:00 am"),
        (datetime(2027, 1, 15, 14, 0), "2 pm", "2:00 pm"),
        (datetime(2027, 1, 15, 14, 30), "2:30 pm", "2:30 pm"),
        (datetime(2027, 1, 15, 0, 0), "midnight", "12:00 am"),
        (datetime(2027, 1, 15, 12, 0), "12 o'clock", "12:00 pm"),
    ],
)
def test_say_times(when: datetime, clock: str, time: str) -> None:
    assert parse.say_clock(when) == clock
    assert parse.say_time(when) == time


def test_british_dates() -> None:
    assert parse.say_when(datetime(2027, 1, 15, 8, 0)) == "Friday 15 January 2027 at 8:00 am"
    assert parse.say_date(date(2026, 11, 1)) == "Sunday 1 November 2026"


def test_describe_every() -> None:
    assert parse.describe_every("FREQ=HOURLY;INTERVAL=6") == "every 6 hours"
    assert parse.describe_every("FREQ=DAILY") == "every day"
    assert parse.describe_every("FREQ=DAILY;BYHOUR=10,16;BYMINUTE=0") == ("every day at 10:00 am and 4:00 pm")


NOW = datetime(2026, 11, 27, 8, 0, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("phrase", "start", "rule", "words"),
    [
        ("every two hours", "2026-11-27T10:00", "FREQ=HOURLY;INTERVAL=2", "every 2 hours, starting at 10:00"),
        (
            "every 30 minutes",
            "2026-11-27T08:30",
            "FREQ=MINUTELY;INTERVAL=30",
            "every 30 minutes, starting at 08:30",
        ),
        ("in 20 minutes", "2026-11-27T08:20", None, "at 8:20 am today"),
        ("in an hour", "2026-11-27T09:00", None, "at 9:00 am today"),
        ("in half an hour", "2026-11-27T08:30", None, "at 8:30 am today"),
        ("at 8 o'clock", "2026-11-27T20:00", None, "at 8:00 pm today"),
        ("at 7:30 am", "2026-11-28T07:30", None, "at 7:30 am tomorrow"),
        ("at 9 in the evening", "2026-11-27T21:00", None, "at 9:00 pm today"),
        ("tomorrow at 9", "2026-11-28T09:00", None, "at 9:00 am tomorrow"),
        (
            "every day at 9 am",
            "2026-11-27T09:00",
            "FREQ=DAILY;INTERVAL=1",
            "every day at 9:00 am, starting today",
        ),
    ],
)
def test_spoken_schedules(phrase: str, start: str, rule: str | None, words: str) -> None:
    found = parse.parse_spoken_when(phrase, NOW)
    assert found is not None
    assert parse.local_iso(found.start, LONDON) == start
    assert found.rule == rule
    assert found.words == words


def test_spoken_schedule_errors() -> None:
    with pytest.raises(ReminderError, match="at least 1"):
        parse.parse_spoken_when("every 0 minutes", NOW)
    with pytest.raises(ReminderError, match="not a time of day"):
        parse.parse_spoken_when("at 25", NOW)
    assert parse.parse_spoken_when("soon", NOW) is None


def test_zone_from_tz_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")
    assert parse.resolve_zone() == LONDON
    monkeypatch.setenv("TZ", "GMT0BST,M3.5.0/1,M10.5.0")  # a POSIX rule, as some systems set it
    posix = parse.resolve_zone()
    assert (
        datetime(2027, 3, 28, 8, 0, tzinfo=posix).utcoffset()
        == datetime(2027, 3, 28, 8, 0, tzinfo=LONDON).utcoffset()
    )
