"""Today's timeline and the adherence log, read from the same store the voice side writes."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from assistant.carer.words import clock, event_words
from assistant.reminders.parse import local_iso
from assistant.reminders.schedule import occurrences, to_utc
from assistant.reminders.store import Event, Reminder, Store

CSV_HEADER = ("time", "event", "reminder id", "kind", "reminder", "due", "attempt")
"""The same columns as ``run.py reminders log --csv``."""


@dataclass(frozen=True)
class TimelineEntry:
    """One time something falls due today, and what happened."""

    due: datetime
    """Local, aware."""
    reminder_id: str
    text: str
    kind: str
    state: str
    """coming | waiting | said | snoozed | done | missed | unsaid"""
    status: str
    """What happened, in words: "Said at 8 am; taken at 8:05 am." """


@dataclass(frozen=True)
class LogRow:
    """One line of the adherence log."""

    at: datetime
    """When it happened (local, aware)."""
    event: str
    words: str
    reminder_id: str
    text: str
    kind: str
    due: datetime
    attempt: int


def _day_bounds(now: datetime, tz: tzinfo) -> tuple[datetime, datetime]:
    midnight = now.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    return to_utc(midnight, tz), to_utc(midnight + timedelta(days=1), tz)


def today_timeline(store: Store, tz: tzinfo, now: datetime) -> list[TimelineEntry]:
    """Everything due today (local day of ``now``) with what was said and answered, in time order."""
    start, end = _day_bounds(now, tz)
    logged: dict[tuple[str, datetime], list[Event]] = defaultdict(list)
    for event in store.events():
        if start <= event.due < end or start <= event.at < end:
            logged[(event.reminder_id, event.due)].append(event)
    keys = set(logged)
    for rem in store.reminders():
        keys |= {(rem.id, due) for due in occurrences(rem, tz, start - timedelta(microseconds=1), end)
                 if due < end}
    known = {r.id: r for r in store.reminders(include_removed=True)}
    entries = []
    for rid, due in keys:
        rem = known.get(rid) or Reminder(rid, "(unknown reminder)", "note", due.replace(tzinfo=None), None)
        state, status = _status(rem.kind, sorted(logged.get((rid, due), []), key=lambda e: e.seq), due, now, tz)
        entries.append(TimelineEntry(due.astimezone(tz), rid, rem.text, rem.kind, state, status))
    return sorted(entries, key=lambda e: (e.due, int(e.reminder_id) if e.reminder_id.isdigit() else 0))


def _status(kind: str, evs: list[Event], due: datetime, now: datetime, tz: tzinfo) -> tuple[str, str]:
    if not evs:
        if due > now:
            return "coming", "Coming up."
        return "unsaid", ("Not said: the assistant may not have been running then, or the reminder was "
                          "added after this time.")
    parts = []
    for e in evs:
        at = e.at.astimezone(tz)
        words = f"{event_words(e.event, kind).lower()} at {clock(at)}"
        if at.date() != due.astimezone(tz).date():
            words += f" on {at:%A}"
        if e.event == "snoozed" and e.until is not None:
            words += f" until {clock(e.until.astimezone(tz))}"
        parts.append(words)
    seen = {e.event for e in evs}
    if "acknowledged" in seen:
        state = "done"
    elif "missed" in seen:
        state = "missed"
    elif evs[-1].event == "snoozed":
        state = "snoozed"
    else:
        state = "waiting" if kind == "medication" else "said"
    text = "; ".join(parts)
    text = text[:1].upper() + text[1:] + "."
    if state == "waiting":
        text += " Not confirmed yet."
    return state, text


def log_rows(store: Store, tz: tzinfo, limit: int | None = None) -> list[LogRow]:
    """The adherence log, newest first (``limit`` rows at most)."""
    known = {r.id: r for r in store.reminders(include_removed=True)}
    events = store.events()[::-1]
    if limit is not None:
        events = events[:limit]
    rows = []
    for e in events:
        rem = known.get(e.reminder_id)
        text, kind = (rem.text, rem.kind) if rem else ("", "")
        rows.append(
            LogRow(e.at.astimezone(tz), e.event, event_words(e.event, kind), e.reminder_id, text, kind,
                   e.due.astimezone(tz), e.attempt)
        )
    return rows


def log_csv(rows: list[LogRow], tz: tzinfo) -> str:
    """The log (rows newest first, as ``log_rows`` gives) as CSV, oldest first; a cell a spreadsheet would run as a formula is quoted with '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for row in rows[::-1]:  # rows come newest first
        cells = [local_iso(row.at, tz), row.event, row.reminder_id, row.kind, row.text,
                 local_iso(row.due, tz), str(row.attempt)]
        writer.writerow(["'" + c if c[:1] in ("=", "+", "-", "@") else c for c in cells])
    return buffer.getvalue()
