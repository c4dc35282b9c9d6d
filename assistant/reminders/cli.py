"""The carers' command line: ``run.py plan`` and ``run.py reminders add|list|log|remove|tick|ack``."""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

from assistant.errors import ReminderError
from assistant.home import resolve_home
from assistant.reminders import parse
from assistant.reminders.plan import make_plan, plan_lines
from assistant.reminders.schedule import Scheduler, acknowledge, next_occurrence, to_utc
from assistant.reminders.store import Event, Reminder, Store

_LOGGER = logging.getLogger(__name__)

PAST_GRACE = timedelta(minutes=5)
"""A one-off time this close to now is still accepted (the carer was typing)."""


@contextmanager
def _open(args: argparse.Namespace) -> Iterator[Store]:
    store = Store.open(resolve_home(getattr(args, "home", None)))
    try:
        yield store
    finally:
        store.close()


def _now(args: argparse.Namespace, tz: tzinfo) -> datetime:
    value = getattr(args, "now", None)
    if value:
        return parse.parse_local_time(value, tz, "--now")
    return datetime.now(UTC).astimezone(tz)


def _emit(args: argparse.Namespace, objects: list[dict[str, object]], lines: list[str]) -> None:
    if getattr(args, "json", False):
        for obj in objects:
            print(json.dumps(obj, ensure_ascii=False))
    else:
        for line in lines:
            print(line)


def cmd_plan(args: argparse.Namespace) -> int:
    """``run.py plan``: store the operation and seed the recovery reminders."""
    tz = parse.resolve_zone(args.tz)
    surgery = parse.parse_date(args.surgery_date, "--surgery-date")
    with _open(args) as store:
        plan, seeded = make_plan(store, surgery, args.surgery_type, tz)
        obj: dict[str, object] = {
            "surgery_date": plan.surgery_date.isoformat(),
            "surgery_type": plan.surgery_type,
            "reminders": [_reminder_json(r, tz, _now(args, tz)) for r in seeded],
        }
        _emit(args, [obj], plan_lines(plan, seeded))
    return 0


def cmd_reminders(args: argparse.Namespace) -> int:
    """``run.py reminders ACTION``."""
    actions = {"add": _add, "list": _list, "log": _log, "remove": _remove, "tick": _tick, "ack": _ack}
    tz = parse.resolve_zone(getattr(args, "tz", None))
    with _open(args) as store:
        actions[args.action](args, store, tz)
    return 0


def _add(args: argparse.Namespace, store: Store, tz: tzinfo) -> None:
    text = parse.check_text(args.text)
    kind = parse.check_kind(args.kind)
    rule = parse.parse_every(args.every)
    start = parse.parse_local_time(args.at, tz, "--at")
    until = parse.parse_local_time(args.until, tz, "--until") if args.until else None
    if until is not None and len(args.until.strip()) == 10:  # a date: until the end of that day
        until = until.replace(hour=23, minute=59)
    now = _now(args, tz)
    if rule is None and start < now - PAST_GRACE:
        raise ReminderError(
            f"--at {args.at} is in the past (it is now {now:%Y-%m-%dT%H:%M}): "
            "a one-off reminder needs a future time"
        )
    if until is not None and until < start:
        raise ReminderError(f"--until {args.until} is before --at {args.at}: expected a later time")
    naive = start.replace(tzinfo=None)
    reminder = Reminder("", text, kind, naive, rule, until.replace(tzinfo=None) if until else None)
    new_id = store.add_reminder(reminder, to_utc(naive, tz))
    saved = store.get_reminder(new_id)
    obj = _reminder_json(saved, tz, now)
    line = f"Added reminder {new_id} ({kind}): {text} - {_schedule_words(saved, tz, now)}."
    _emit(args, [obj], [line])


def _schedule_words(rem: Reminder, tz: tzinfo, now: datetime) -> str:
    first = to_utc(rem.start_local, tz).astimezone(tz)
    words = f"{parse.describe_every(rem.rule)}, from {parse.say_when(first)}"
    if rem.rule is None:
        words = f"once, on {parse.say_when(first)}"
    if rem.until_local is not None:
        words += f", until {parse.say_when(rem.until_local)}"
    upcoming = next_occurrence(rem, tz, now)
    if rem.rule is not None:
        words += f"; next {parse.say_when(upcoming.astimezone(tz))}" if upcoming else "; finished"
    return words


def _reminder_json(rem: Reminder, tz: tzinfo, now: datetime) -> dict[str, object]:
    upcoming = next_occurrence(rem, tz, now)
    return {
        "id": rem.id,
        "text": rem.text,
        "kind": rem.kind,
        "at": rem.start_local.strftime("%Y-%m-%dT%H:%M"),
        "every": rem.rule,
        "until": rem.until_local.strftime("%Y-%m-%dT%H:%M") if rem.until_local else None,
        "next": parse.local_iso(upcoming, tz) if upcoming else None,
        "source": rem.source,
    }


def _list(args: argparse.Namespace, store: Store, tz: tzinfo) -> None:
    now = _now(args, tz)
    reminders = store.reminders()
    lines = [f"{r.id}. [{r.kind}] {r.text} - {_schedule_words(r, tz, now)}" for r in reminders]
    _emit(args, [_reminder_json(r, tz, now) for r in reminders], lines or ["No reminders."])


def _event_json(event: Event, texts: dict[str, tuple[str, str]], tz: tzinfo) -> dict[str, object]:
    text, kind = texts.get(event.reminder_id, ("", ""))
    return {
        "id": event.reminder_id,
        "event": event.event,
        "at": parse.local_iso(event.at, tz),
        "due": parse.local_iso(event.due, tz),
        "attempt": event.attempt,
        "text": text,
        "kind": kind,
    }


def _log(args: argparse.Namespace, store: Store, tz: tzinfo) -> None:
    texts = {r.id: (r.text, r.kind) for r in store.reminders(include_removed=True)}
    objects = [_event_json(e, texts, tz) for e in store.events()]
    if args.csv:
        _write_csv(args.csv, objects)
        if args.csv != "-":
            print(f"Wrote {len(objects)} log entries to {args.csv}")
        return
    lines = [f"{o['at']}  {o['event']:<12} reminder {o['id']} (due {o['due']}): {o['text']}" for o in objects]
    _emit(args, objects, lines or ["The log is empty."])


_CSV_FIELDS = ("at", "event", "id", "kind", "text", "due", "attempt")


def _write_csv(target: str, objects: list[dict[str, object]]) -> None:
    """Write the log as CSV; text that a spreadsheet would run as a formula is quoted with '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["time", "event", "reminder id", "kind", "reminder", "due", "attempt"])
    for obj in objects:
        row = [str(obj[f]) for f in _CSV_FIELDS]
        writer.writerow(["'" + v if v[:1] in ("=", "+", "-", "@") else v for v in row])
    if target == "-":
        sys.stdout.write(buffer.getvalue())
        return
    try:
        # utf-8-sig so spreadsheet programs read accents and the pound sign correctly
        Path(target).write_text(buffer.getvalue(), encoding="utf-8-sig")
    except OSError as err:
        raise ReminderError(f"cannot write CSV file {target}: {err.strerror}") from err


def _remove(args: argparse.Namespace, store: Store, tz: tzinfo) -> None:
    removed = store.remove_reminder(args.id, datetime.now(UTC))
    _emit(
        args,
        [{"id": removed.id, "removed": True, "text": removed.text}],
        [f"Removed reminder {removed.id}: {removed.text}"],
    )


def _tick(args: argparse.Namespace, store: Store, tz: tzinfo) -> None:
    now = _now(args, tz)
    spoken = Scheduler(store, tz).run_pending(now)
    objects: list[dict[str, object]] = [
        {
            "id": a.reminder_id,
            "kind": a.kind,
            "say": a.say,
            "due": parse.local_iso(a.due, tz),
            "status": a.status,
        }
        for a in spoken
    ]
    _emit(args, objects, [a.say for a in spoken])


def _ack(args: argparse.Namespace, store: Store, tz: tzinfo) -> None:
    now = _now(args, tz)
    event, new = acknowledge(store, args.id, now, tz)
    due = event.due.astimezone(tz)
    line = (
        f"Acknowledged reminder {event.reminder_id} (due {parse.say_when(due)})."
        if new
        else f"Reminder {event.reminder_id} (due {parse.say_when(due)}) was already acknowledged."
    )
    obj = {
        "id": event.reminder_id,
        "event": "acknowledged",
        "at": parse.local_iso(now, tz),
        "due": parse.local_iso(due, tz),
        "new": new,
    }
    _emit(args, [obj], [line])
