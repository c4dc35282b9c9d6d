"""Reminder schedules and log events in a carer's words: "every 6 hours from 8 am", "daily at 9"."""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo

from assistant.reminders.parse import describe_every, say_date, say_relative
from assistant.reminders.schedule import next_occurrence, to_utc
from assistant.reminders.store import Reminder

KIND_WORDS = {
    "medication": "Medicine",
    "activity": "Exercise or activity",
    "appointment": "Appointment",
    "note": "Note or advice",
}
_SIMPLE = re.compile(r"FREQ=(MINUTELY|HOURLY|DAILY|WEEKLY)(?:;INTERVAL=(\d+))?")
_BYHOUR = re.compile(r"FREQ=DAILY;BYHOUR=([\d,]+);BYMINUTE=(\d+)")


def clock(when: datetime) -> str:
    """A time of day the short way: "8 am", "10:30 am", "midday", "midnight"."""
    if (when.hour, when.minute) == (12, 0):
        return "midday"
    if (when.hour, when.minute) == (0, 0):
        return "midnight"
    hour12 = when.hour % 12 or 12
    minutes = f":{when.minute:02d}" if when.minute else ""
    return f"{hour12}{minutes} {'am' if when.hour < 12 else 'pm'}"


def day_and_time(when: datetime) -> str:
    """ "Thursday 3 December 2026 at 10:30 am"."""
    return f"{say_date(when.date())} at {clock(when)}"


def day_words(day: date, today: date) -> str:
    """ "today", "tomorrow" or "Tuesday 1 December 2026"."""
    return {0: "today", 1: "tomorrow"}.get((day - today).days) or say_date(day)


def repeat_words(rem: Reminder) -> str:
    """How often, from the reminder's own wall-clock start: "daily at 9 am", "once on …"."""
    start = rem.start_local
    if rem.rule is None:
        return f"once on {day_and_time(start)}"
    hours = _BYHOUR.fullmatch(rem.rule)
    if hours:
        times = [clock(start.replace(hour=int(h), minute=int(hours.group(2)))) for h in hours.group(1).split(",")]
        return "daily at " + " and ".join(times)
    simple = _SIMPLE.fullmatch(rem.rule)
    if not simple:
        return f"{describe_every(rem.rule)}, from {day_and_time(start)}"
    freq, count = simple.group(1), int(simple.group(2) or 1)
    if freq == "MINUTELY":
        return f"every {count} minutes from {clock(start)}"
    if freq == "HOURLY":
        return f"every {count} hours from {clock(start)}" if count > 1 else f"every hour from {clock(start)}"
    if freq == "DAILY":
        return f"daily at {clock(start)}" if count == 1 else f"every {count} days at {clock(start)}"
    return f"weekly on {start:%A}s at {clock(start)}" if count == 1 else (
        f"every {count} weeks on {start:%A}s at {clock(start)}"
    )


def schedule_words(rem: Reminder, tz: tzinfo, now: datetime) -> str:
    """The whole schedule: how often, since when, until when, and when next."""
    words = repeat_words(rem)
    if rem.rule is not None:
        starts = to_utc(rem.start_local, tz)
        if starts > now:
            words += f", starting {day_words(rem.start_local.date(), now.astimezone(tz).date())}"
        if rem.until_local is not None:
            words += f", until {say_date(rem.until_local.date())}"
    return words[:1].upper() + words[1:] + "."


def next_words(rem: Reminder, tz: tzinfo, now: datetime) -> str:
    """ "Next: at 4:00 pm today." or "No more times: it has finished." """
    upcoming = next_occurrence(rem, tz, now)
    if upcoming is None:
        return "No more times: it has finished."
    return f"Next: {say_relative(upcoming.astimezone(tz), now.astimezone(tz))}."


def event_words(event: str, kind: str) -> str:
    """One log event as a carer reads it."""
    if event == "acknowledged":
        return "Taken" if kind == "medication" else "Done"
    return {
        "announced": "Said",
        "reprompted": "Said again",
        "snoozed": "Snoozed",
        "missed": "Missed",
    }.get(event, event.capitalize())
