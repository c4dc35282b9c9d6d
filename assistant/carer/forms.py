"""Read the carers' forms into reminders, plans and settings, with an error in plain words per field.

The rules are the reminder system's own (``assistant.reminders.parse``); this module only turns
HTML form fields (a date, a time, a repeat choice) into the values those rules check.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from assistant.errors import AssistantError
from assistant.reminders import parse
from assistant.reminders.plan import SURGERY_TYPES
from assistant.reminders.schedule import to_utc
from assistant.reminders.store import Plan, Reminder
from assistant.settings import MAX_RATE, MAX_VOLUME, MIN_RATE, MIN_VOLUME, Settings
from assistant.tts import ENGINES

REPEATS = ("once", "hours", "daily", "weekly")
KEEP = "keep"
"""Edit only: keep a rule the form cannot show (such as the plan's "daily at 10 am and 4 pm")."""
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})")
_BRITISH_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_MAX_VOICE = 200


@dataclass(frozen=True)
class Checked:
    """A form's result: the value if every field was fine, and the problems by field name."""

    value: object | None
    errors: dict[str, str] = field(default_factory=dict)


def _text_problem(text: str) -> str:
    """Why ``parse.check_text`` refused the text, in a carer's words."""
    cleaned = (text or "").strip()
    if not cleaned:
        return "Please write what the assistant should say: the box is empty."
    if len(cleaned) > parse.MAX_TEXT:
        return f"The text is {len(cleaned)} characters long. Please keep it to {parse.MAX_TEXT} or fewer."
    return "The text contains a hidden control character. Please use only plain words and punctuation."


def _day(value: str, errors: dict[str, str], name: str, label: str) -> date | None:
    """A date from a date picker (2026-12-03) or typed the British way (3/12/2026, 3 December 2026)."""
    text = (value or "").strip()
    if not text:
        errors[name] = f"Please give the {label}, for example 3 December 2026."
        return None
    british = _BRITISH_DATE.fullmatch(text)
    if british:
        text = f"{british.group(3)}-{int(british.group(2)):02d}-{int(british.group(1)):02d}"
    try:
        return datetime.strptime(text, "%d %B %Y").date()
    except ValueError:
        pass  # not "3 December 2026": try the other forms
    try:
        return parse.parse_date(text, label)
    except AssistantError:
        errors[name] = (f"{value.strip()} is not a real date. Please give the day, month and year, for "
                        "example 3 December 2026 or 03/12/2026.")
        return None


def _clock(value: str, errors: dict[str, str]) -> time | None:
    text = (value or "").strip()
    found = _TIME.fullmatch(text)
    if not found or int(found.group(1)) > 23 or int(found.group(2)) > 59:
        shown = f"{text} is not a time of day" if text else "Please give a time"
        errors["time"] = f"{shown}: use the 24-hour clock, for example 08:00 or 14:30."
        return None
    return time(int(found.group(1)), int(found.group(2)))


def _rule(form: Mapping[str, str], errors: dict[str, str], kept: str | None) -> str | None:
    repeat = form.get("repeat", "once")
    if repeat == KEEP and kept is not None:
        return kept
    if repeat not in REPEATS:
        errors["repeat"] = "Please choose how often: once, every few hours, daily or weekly."
        return None
    if repeat != "hours":
        return parse.parse_every(repeat)
    hours = (form.get("hours") or "").strip()
    if not hours.isdigit() or not 1 <= int(hours) <= 24:
        errors["hours"] = "Please give a whole number of hours from 1 to 24, for example 6."
        return None
    return parse.parse_every(f"{int(hours)}h")


def read_reminder(form: Mapping[str, str], tz: tzinfo, now: datetime, kept_rule: str | None = None) -> Checked:
    """A new or edited reminder from the form (``kept_rule``: the rule an edit may keep)."""
    errors: dict[str, str] = {}
    text = kind = ""
    try:
        text = parse.check_text(form.get("text", ""))
    except AssistantError:
        errors["text"] = _text_problem(form.get("text", ""))
    try:
        kind = parse.check_kind(form.get("kind", ""))
    except AssistantError:
        errors["kind"] = "Please choose what kind of reminder this is."
    day, at = _day(form.get("date", ""), errors, "date", "first date"), _clock(form.get("time", ""), errors)
    rule = _rule(form, errors, kept_rule)
    until = None
    if (form.get("until") or "").strip():
        last = _day(form.get("until", ""), errors, "until", "last date")
        until = datetime.combine(last, time(23, 59)) if last else None
    if day is None or at is None or errors:
        return Checked(None, errors)
    start = datetime.combine(day, at)
    if rule is None and to_utc(start, tz) <= now:
        errors["date"] = (
            f"That time has already passed (it is now {parse.say_when(now.astimezone(tz))}). "
            "Please choose a later date or time."
        )
    if until is not None and until < start:
        errors["until"] = "The last date is before the first date. Please choose a later last date."
    if errors:
        return Checked(None, errors)
    return Checked(Reminder("", text, kind, start, rule, until))


def reminder_fields(rem: Reminder) -> dict[str, str]:
    """A stored reminder as form values, for the edit page."""
    values = {"text": rem.text, "kind": rem.kind, "date": rem.start_local.date().isoformat(),
              "time": rem.start_local.strftime("%H:%M"), "hours": "6",
              "until": rem.until_local.date().isoformat() if rem.until_local else ""}
    simple = {None: "once", "FREQ=DAILY": "daily", "FREQ=WEEKLY": "weekly"}
    hours = re.fullmatch(r"FREQ=HOURLY;INTERVAL=(\d+)", rem.rule or "")
    if rem.rule in simple:
        values["repeat"] = simple[rem.rule]
    elif hours:
        values.update(repeat="hours", hours=hours.group(1))
    else:
        values["repeat"] = KEEP
    return values


def read_plan(form: Mapping[str, str], today: date) -> Checked:
    """The operation date and type."""
    errors: dict[str, str] = {}
    day = _day(form.get("surgery_date", ""), errors, "surgery_date", "date of the operation")
    kind = form.get("surgery_type", "")
    if kind not in SURGERY_TYPES:
        errors["surgery_type"] = "Please choose which kind of operation it was (or will be)."
    if day is not None and not today - timedelta(days=366) <= day <= today + timedelta(days=366):
        errors["surgery_date"] = (
            f"{parse.say_date(day)} is more than a year from today. Please check the year."
        )
    if errors or day is None:
        return Checked(None, errors)
    return Checked(Plan(day, kind))


def _percent(value: str, low: float, high: float, name: str, errors: dict[str, str]) -> float | None:
    text = (value or "").strip().rstrip("%").strip()
    lo, hi = round(low * 100), round(high * 100)
    if not text.isdigit() or not lo <= int(text) <= hi:
        errors[name] = f"Please give a whole number from {lo} to {hi}."
        return None
    return int(text) / 100


def read_settings(form: Mapping[str, str], voices: Mapping[str, list[str]]) -> Checked:
    """Speech engine, voice, speed and volume (speed and volume as percentages)."""
    errors: dict[str, str] = {}
    engine = form.get("tts", "")
    if engine and engine not in ENGINES:
        errors["tts"] = "Please choose one of the speech engines listed."
    voice = (form.get("voice") or "").strip()
    known = voices.get(engine, [])
    if len(voice) > _MAX_VOICE:
        errors["voice"] = f"A voice name is at most {_MAX_VOICE} characters."
    elif voice and known and voice not in known:
        errors["voice"] = f"{engine} has no voice called {voice}. Installed: {', '.join(known)}."
    rate = _percent(form.get("rate", ""), MIN_RATE, MAX_RATE, "rate", errors)
    volume = _percent(form.get("volume", ""), MIN_VOLUME, MAX_VOLUME, "volume", errors)
    if errors or rate is None or volume is None:
        return Checked(None, errors)
    return Checked(Settings(rate=rate, volume=volume, tts=engine or None, voice=voice or None))
