"""Read times, recurrences and reminder text from carers and patients; say times the British way.

Command-line times are local ISO 8601 (``2026-11-27T08:00``), dates ``YYYY-MM-DD``. Recurrences
are ``30m``, ``6h``, ``daily``, ``weekly`` or an RFC 5545 ``RRULE``; they are expanded on the
local wall clock, so "daily 08:00" stays 08:00 across daylight-saving changes.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrule, rrulestr
from dateutil.tz import gettz

from assistant.errors import ReminderError

_LOGGER = logging.getLogger(__name__)

MAX_TEXT = 500
KINDS = ("medication", "activity", "appointment", "note")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SIMPLE_EVERY = re.compile(r"^\s*(\d+)\s*(m|min|mins|minutes?|h|hr|hrs|hours?|d|days?)\s*$", re.I)
_EVERY_WORDS = {"hourly": "FREQ=HOURLY", "daily": "FREQ=DAILY", "weekly": "FREQ=WEEKLY"}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "sixty": 60,
    "zero": 0,
}


def resolve_zone(name: str | None = None) -> tzinfo:
    """The user's zone: ``--tz``, else ``$TZ``, else the system's (``/etc/localtime``), else UTC.

    ``$TZ`` may also be a POSIX rule such as ``GMT0BST,M3.5.0/1,M10.5.0``.
    """
    candidate = name or os.environ.get("TZ", "").lstrip(":") or _system_zone_name()
    try:
        return ZoneInfo(candidate)
    except (ZoneInfoNotFoundError, ValueError) as err:
        if name:
            raise ReminderError(f"unknown time zone {name!r}: expected a name such as Europe/London") from err
        posix = gettz(candidate)
        if posix is not None:
            return posix
        _LOGGER.info("unknown system time zone %r; using UTC", candidate)
        return ZoneInfo("UTC")


def _system_zone_name() -> str:
    link = Path("/etc/localtime")
    try:
        target = str(link.resolve())
    except OSError:
        return "UTC"
    return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "UTC"


def parse_local_time(value: str, tz: tzinfo, what: str = "time") -> datetime:
    """Parse a local ISO time (or a date, meaning midnight) into an aware datetime in ``tz``."""
    text = (value or "").strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as err:
        reason = f" ({err})" if "range" in str(err) else ""
        raise ReminderError(
            f"{what} {value!r} is not a real date and time{reason}: expected local ISO 8601 "
            "such as 2026-11-27T08:00"
        ) from err
    if parsed.tzinfo is not None:
        return parsed.astimezone(tz)
    return parsed.replace(tzinfo=tz)


def parse_date(value: str, what: str = "date") -> date:
    """Parse ``YYYY-MM-DD``; say what was wrong (31 February, wrong shape)."""
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError as err:
        reason = f" ({err})" if "range" in str(err) else ""
        raise ReminderError(
            f"{what} {value!r} is not a real date{reason}: expected YYYY-MM-DD such as 2026-11-20"
        ) from err


def parse_every(value: str | None) -> str | None:
    """Turn ``30m``, ``6h``, ``daily``, ``weekly`` or an RRULE into an RRULE string (None: once)."""
    if value is None or value.strip().lower() in ("", "once", "none"):
        return None
    text = value.strip()
    if text.lower() in _EVERY_WORDS:
        return _EVERY_WORDS[text.lower()]
    simple = _SIMPLE_EVERY.match(text)
    if simple:
        count, unit = int(simple.group(1)), simple.group(2)[0].lower()
        if count <= 0:
            raise ReminderError(f"every {value!r}: the interval must be at least 1 minute")
        freq = {"m": "MINUTELY", "h": "HOURLY", "d": "DAILY"}[unit]
        return f"FREQ={freq};INTERVAL={count}"
    rule = text[6:] if text.upper().startswith("RRULE:") else text
    if "FREQ=" not in rule.upper():
        raise ReminderError(
            f"every {value!r}: expected 30m, 6h, daily, weekly or an RRULE such as FREQ=DAILY;BYHOUR=8,20"
        )
    check_rule(rule)
    return rule.upper()


def check_rule(rule: str) -> rrule:
    """Parse an RRULE (without DTSTART) and reject ones that never or too often repeat."""
    if "DTSTART" in rule.upper():
        raise ReminderError(f"rule {rule!r}: give the start with --at, not DTSTART")
    match = re.search(r"INTERVAL=(-?\d+)", rule, re.I)
    if match and int(match.group(1)) <= 0:
        raise ReminderError(f"rule {rule!r}: the interval must be at least 1")
    if re.search(r"FREQ=SECONDLY", rule, re.I):
        raise ReminderError(f"rule {rule!r}: the shortest repeat is every minute")
    if re.search(r"UNTIL=\d{8}T\d{6}Z", rule, re.I):
        raise ReminderError(f"rule {rule!r}: give the end with --until (local time), not a UTC UNTIL")
    fine = re.search(r"FREQ=(MINUTELY|HOURLY)", rule, re.I)
    if fine and re.search(r"BY(MONTH|MONTHDAY|YEARDAY|WEEKNO|SETPOS)=", rule, re.I):
        # these combinations can take dateutil minutes to find (or rule out) an occurrence
        raise ReminderError(
            f"rule {rule!r}: for repeats every few minutes or hours use only INTERVAL, "
            "BYDAY, BYHOUR, BYMINUTE, COUNT"
        )
    start = datetime(2026, 1, 1)
    try:
        parsed = rrulestr(rule, dtstart=start)
    except (ValueError, TypeError) as err:
        raise ReminderError(f"rule {rule!r} is not a valid RFC 5545 RRULE: {err}") from err
    if not isinstance(parsed, rrule):
        raise ReminderError(f"rule {rule!r}: expected one RRULE")
    if not fine and not parsed.between(start, start + timedelta(days=4 * 366), inc=True):
        raise ReminderError(f"rule {rule!r} never falls due (checked 4 years ahead)")
    return parsed


def check_text(text: str) -> str:
    """Validate reminder text: not empty, no control characters, at most 500 characters."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise ReminderError("reminder text is empty: say what to remind about")
    if len(cleaned) > MAX_TEXT:
        raise ReminderError(f"reminder text is {len(cleaned)} characters long: the limit is {MAX_TEXT}")
    bad = _CONTROL.search(cleaned)
    if bad:
        raise ReminderError(
            f"reminder text contains the control character {bad.group()!r}: use plain words and punctuation"
        )
    return cleaned


def check_kind(kind: str) -> str:
    """Validate a reminder kind."""
    if kind not in KINDS:
        raise ReminderError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")
    return kind


def number_word(word: str) -> int | None:
    """A count written as digits or as a word ("two", "twenty"), else None."""
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def say_clock(when: datetime) -> str:
    """A short spoken time: "8 o'clock" (morning hours), "2 pm", "2:30 pm", "midnight"."""
    hour12 = when.hour % 12 or 12
    if when.minute:
        return f"{hour12}:{when.minute:02d} {'am' if when.hour < 12 else 'pm'}"
    if when.hour == 0:
        return "midnight"
    if 6 <= when.hour <= 12:
        return f"{hour12} o'clock"
    return f"{hour12} {'am' if when.hour < 12 else 'pm'}"


def say_time(when: datetime) -> str:
    """A written-out time of day: "8:00 am", "2:30 pm"."""
    hour12 = when.hour % 12 or 12
    return f"{hour12}:{when.minute:02d} {'am' if when.hour < 12 else 'pm'}"


def say_date(day: date) -> str:
    """A British date: "Friday 15 January 2027"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def say_when(when: datetime) -> str:
    """A British date and time: "Friday 15 January 2027 at 8:00 am"."""
    return f"{say_date(when.date())} at {say_time(when)}"


def say_relative(when: datetime, now: datetime) -> str:
    """A local time near local ``now``: "at 2:00 pm today", "at 8:00 am tomorrow", "on Friday …"."""
    days = (when.date() - now.date()).days
    if days == 0:
        return f"at {say_time(when)} today"
    if days == 1:
        return f"at {say_time(when)} tomorrow"
    if days == -1:
        return f"at {say_time(when)} yesterday"
    return f"on {say_when(when)}"


def local_iso(when: datetime, tz: tzinfo) -> str:
    """Local ISO time to the minute, e.g. ``2027-03-28T08:00``."""
    return when.astimezone(tz).strftime("%Y-%m-%dT%H:%M")


def describe_every(rule: str | None) -> str:
    """Say a stored RRULE in words: "every 6 hours", "every day", or the rule itself."""
    if rule is None:
        return "once"
    hours = re.fullmatch(r"FREQ=DAILY;BYHOUR=([\d,]+);BYMINUTE=(\d+)", rule)
    if hours:
        minute = int(hours.group(2))
        times = [say_time(datetime(2000, 1, 1, int(h), minute)) for h in hours.group(1).split(",")]
        return "every day at " + " and ".join(times)
    match = re.fullmatch(r"FREQ=(MINUTELY|HOURLY|DAILY|WEEKLY)(?:;INTERVAL=(\d+))?", rule)
    if not match:
        return f"by the rule {rule}"
    unit = {"MINUTELY": "minute", "HOURLY": "hour", "DAILY": "day", "WEEKLY": "week"}[match.group(1)]
    count = int(match.group(2) or 1)
    return f"every {unit}" if count == 1 else f"every {count} {unit}s"


def interval_of(rule: str | None) -> timedelta | None:
    """The fixed interval of a simple rule (``FREQ=HOURLY;INTERVAL=6``), else None."""
    if rule is None:
        return None
    match = re.fullmatch(r"FREQ=(MINUTELY|HOURLY|DAILY|WEEKLY)(?:;INTERVAL=(\d+))?", rule)
    if not match:
        return None
    count = int(match.group(2) or 1)
    unit = {"MINUTELY": "minutes", "HOURLY": "hours", "DAILY": "days", "WEEKLY": "weeks"}
    return timedelta(**{unit[match.group(1)]: count})


@dataclass(frozen=True)
class SpokenSchedule:
    """When a spoken reminder should fall due."""

    start: datetime
    """First time (aware, local)."""
    rule: str | None
    """RRULE, or None for once."""
    words: str
    """The schedule said back, e.g. "every 2 hours, starting at 10:00"."""


_NUM = r"(\d+|[a-z]+(?:-[a-z]+)?)"
_EVERY_SPOKEN = re.compile(rf"\bevery\s+(?:{_NUM}\s+)?(minute|min|hour|day|week)s?\b")
_IN_SPOKEN = re.compile(rf"\bin\s+(?:{_NUM}\s+)?(minute|min|hour)s?\b|\bin half an hour\b")
_AT_SPOKEN = re.compile(
    r"\bat\s+(\d{1,2}|[a-z]+)(?:[:.](\d{2}))?(?:\s*(am|pm|a\.m\.|p\.m\.|o'?clock))?"
    r"(?:\s+in the (morning|afternoon|evening)|\s+at night)?\b"
)
_UNIT_FREQ = {"minute": "MINUTELY", "min": "MINUTELY", "hour": "HOURLY", "day": "DAILY", "week": "WEEKLY"}


def parse_spoken_when(phrase: str, now: datetime) -> SpokenSchedule | None:
    """Read "every two hours", "in 20 minutes", "at 8 o'clock", "every day at 8 pm" (None if none).

    Raises:
        ReminderError: a schedule was said but cannot be used ("every 0 minutes", "at 25").
    """
    text = phrase.lower().strip()
    every, within, at = _EVERY_SPOKEN.search(text), _IN_SPOKEN.search(text), _AT_SPOKEN.search(text)
    clock = _spoken_clock(at, now, "tomorrow" in text) if at else None
    if every:
        count = number_word(every.group(1)) if every.group(1) else 1
        unit = every.group(2)
        if count is None or count <= 0:
            raise ReminderError(f"every {every.group(1)} {unit}s: the interval must be at least 1")
        rule = f"FREQ={_UNIT_FREQ[unit]};INTERVAL={count}"
        start = clock if clock is not None else _round_up(now + interval_of(rule))  # type: ignore[operator]
        if unit in ("day", "week"):
            day = {0: "today", 1: "tomorrow"}.get((start.date() - now.date()).days)
            words = f"{describe_every(rule)} at {say_time(start)}, starting "
            words += day or f"on {say_date(start.date())}"
        else:
            words = f"{describe_every(rule)}, starting at {start:%H:%M}"
            if start.date() != now.date():
                words += f" on {say_date(start.date())}"
        return SpokenSchedule(start, rule, words)
    if within:
        if within.group(0) == "in half an hour":
            count, unit = 30, "minutes"
        else:
            count = number_word(within.group(1)) if within.group(1) else 1
            unit = "hours" if within.group(2) == "hour" else "minutes"
        if count is None or count <= 0:
            raise ReminderError(f"{within.group(0)!r}: expected a time in the future")
        start = now + timedelta(**{unit: count})
        return SpokenSchedule(start, None, say_relative(start, now))
    if clock is not None:
        return SpokenSchedule(clock, None, say_relative(clock, now))
    return None


def _spoken_clock(at: re.Match[str], now: datetime, tomorrow: bool) -> datetime:
    hour = number_word(at.group(1))
    minute = int(at.group(2) or 0)
    if hour is None or not 0 <= hour <= 23 or minute > 59:
        raise ReminderError(f"{at.group(0)!r} is not a time of day: say for example at 8 o'clock")
    marker = (at.group(3) or "").replace(".", "")
    part = at.group(4) or ("night" if "night" in at.group(0) else "")
    pm = marker == "pm" or part in ("afternoon", "evening", "night")
    am = marker == "am" or part == "morning"
    if pm and hour < 12:
        hour += 12
    base = now.replace(hour=hour % 24, minute=minute, second=0, microsecond=0)
    if tomorrow:
        return base + timedelta(days=1)
    candidates = [base, base + timedelta(days=1)]
    if not (am or pm) and hour < 12:
        candidates.append(base + timedelta(hours=12))  # "at 8" said at 9 am means 8 in the evening
    return min(c for c in candidates if c > now)


def _round_up(when: datetime, step: int = 5) -> datetime:
    """Round up to the next ``step`` minutes, so spoken times sound natural."""
    when = when.replace(second=0, microsecond=0)
    extra = (-when.minute) % step
    return when + timedelta(minutes=extra)
