"""The reminder store: one SQLite file (WAL) holding reminders, the event log and the plan.

Timestamps are stored as UTC ISO strings. A reminder's start is also kept as local wall-clock
time, because recurrence is expanded on the user's wall clock. Every change runs inside
``atomic()`` (``BEGIN IMMEDIATE``), and the event log has a UNIQUE key on
(reminder, occurrence, event, attempt), so a process killed at any point neither loses nor
duplicates an entry, and two processes writing at once are serialised.
"""

from __future__ import annotations

import logging
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from assistant.errors import ReminderError

_LOGGER = logging.getLogger(__name__)

DB_FILE = "reminders.sqlite3"
BUSY_TIMEOUT_MS = 10_000
EVENTS = ("announced", "reprompted", "acknowledged", "snoozed", "missed")

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "001_reminders_events_plan",
        """
        CREATE TABLE reminders (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            start_local TEXT NOT NULL,
            start_utc TEXT NOT NULL,
            rule TEXT,
            until_local TEXT,
            source TEXT NOT NULL DEFAULT 'carer',
            created_utc TEXT NOT NULL,
            removed_utc TEXT
        );
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            reminder_id INTEGER NOT NULL REFERENCES reminders(id),
            due_utc TEXT NOT NULL,
            event TEXT NOT NULL,
            attempt INTEGER NOT NULL DEFAULT 0,
            at_utc TEXT NOT NULL,
            until_utc TEXT,
            UNIQUE (reminder_id, due_utc, event, attempt)
        );
        CREATE INDEX events_by_reminder ON events (reminder_id, due_utc);
        CREATE TABLE plan (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            surgery_date TEXT NOT NULL,
            surgery_type TEXT NOT NULL,
            created_utc TEXT NOT NULL
        );
        CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
    (
        "002_notices",
        """
        CREATE TABLE notices (
            reminder_id INTEGER NOT NULL,
            due_utc TEXT NOT NULL,
            at_utc TEXT NOT NULL,
            PRIMARY KEY (reminder_id, due_utc)
        );
        """,
    ),
)


@dataclass(frozen=True)
class Reminder:
    """One reminder as set by a carer, the plan or the patient."""

    id: str
    text: str
    kind: str
    """medication | activity | appointment | note"""
    start_local: datetime
    """First occurrence on the local wall clock (naive)."""
    rule: str | None
    """RFC 5545 RRULE body without DTSTART, or None for once."""
    until_local: datetime | None = None
    """Last wall-clock time it may fall due (naive), or None."""
    source: str = "carer"
    """carer | plan | voice"""


@dataclass(frozen=True)
class Event:
    """One line of the adherence log."""

    reminder_id: str
    due: datetime
    """The occurrence this is about (UTC)."""
    event: str
    """announced | reprompted | acknowledged | snoozed | missed"""
    attempt: int
    at: datetime
    """When it happened (UTC)."""
    until: datetime | None = None
    """For a snooze: when to remind again (UTC)."""
    seq: int = 0


@dataclass(frozen=True)
class Plan:
    """The operation the recovery plan is built around."""

    surgery_date: date
    surgery_type: str
    """keyhole-small | keyhole-large | open"""


def to_db(when: datetime) -> str:
    """An aware datetime as a UTC ISO string (sortable)."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def from_db(text: str) -> datetime:
    """A stored UTC ISO string as an aware datetime."""
    return datetime.fromisoformat(text).astimezone(UTC)


class Store:
    """The reminder database. Create with ``Store.open(home)``."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, home: Path) -> Store:
        """Open (creating and migrating if needed) ``home/reminders.sqlite3``."""
        path = Path(home) / DB_FILE
        if path.exists() and not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP):
            raise ReminderError(f"reminder database {path} is read-only: {_READ_ONLY_HELP}")
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            store = cls(conn, path)
            store.migrate()
        except sqlite3.Error as err:
            raise _wrap(err, path) from err
        return store

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE): all of it is stored, or none of it.

        Nested use joins the outer transaction.
        """
        if self.conn.in_transaction:
            yield self.conn
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise _wrap(err, self.path) from err
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as err:
            self.conn.execute("ROLLBACK")
            raise _wrap(err, self.path) from err

    def migrate(self) -> None:
        """Apply the named migrations not yet applied, in order."""
        self.conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_utc TEXT)")
        with self.atomic() as conn:
            done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                for statement in filter(str.strip, sql.split(";")):
                    conn.execute(statement)
                conn.execute("INSERT INTO migrations VALUES (?, ?)", (name, to_db(datetime.now(UTC))))
                _LOGGER.info("applied migration %s", name)

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        try:
            cursor = self.conn.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return list(cursor.fetchall())
        except sqlite3.Error as err:
            raise _wrap(err, self.path) from err

    def add_reminder(self, reminder: Reminder, start_utc: datetime) -> str:
        """Store a reminder (text passed as a parameter, never pasted into SQL); return its id."""
        with self.atomic() as conn:
            cursor = conn.execute(
                "INSERT INTO reminders (text, kind, start_local, start_utc, rule, until_local,"
                " source, created_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    reminder.text,
                    reminder.kind,
                    reminder.start_local.isoformat(timespec="minutes"),
                    to_db(start_utc),
                    reminder.rule,
                    reminder.until_local.isoformat(timespec="minutes") if reminder.until_local else None,
                    reminder.source,
                    to_db(datetime.now(UTC)),
                ),
            )
            return str(cursor.lastrowid)

    def remove_reminder(self, reminder_id: str, now: datetime) -> Reminder:
        """Mark a reminder removed (its log stays); raise if there is no such active reminder."""
        with self.atomic() as conn:
            found = self.get_reminder(reminder_id)
            conn.execute("UPDATE reminders SET removed_utc = ? WHERE id = ?", (to_db(now), int(found.id)))
            return found

    def get_reminder(self, reminder_id: str) -> Reminder:
        """One active reminder by id."""
        key = str(reminder_id).strip()
        rows = self._query(
            "SELECT * FROM reminders WHERE id = ? AND removed_utc IS NULL",
            (int(key) if key.isdigit() else -1,),
        )
        if not rows:
            raise ReminderError(
                f"no reminder with id {reminder_id!r}: see 'run.py reminders list' for the ids"
            )
        return _reminder(rows[0])

    def reminders(self, include_removed: bool = False) -> list[Reminder]:
        """Active reminders (or all), oldest first."""
        where = "" if include_removed else "WHERE removed_utc IS NULL"
        return [_reminder(r) for r in self._query(f"SELECT * FROM reminders {where} ORDER BY id")]

    def events(self, reminder_ids: list[str] | None = None, due_after: datetime | None = None) -> list[Event]:
        """The log in the order it was written (optionally for some reminders, or recent dues)."""
        if due_after is None:
            rows = self._query("SELECT * FROM events ORDER BY seq")
        else:
            rows = self._query("SELECT * FROM events WHERE due_utc > ? ORDER BY seq", (to_db(due_after),))
        wanted = None if reminder_ids is None else set(reminder_ids)
        events = [_event(r) for r in rows]
        return [e for e in events if wanted is None or e.reminder_id in wanted]

    def record(self, event: Event) -> bool:
        """Log an event unless that exact one is logged already; True if it was new."""
        try:
            cursor = self.conn.execute(
                "INSERT OR IGNORE INTO events (reminder_id, due_utc, event, attempt, at_utc,"
                " until_utc) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    int(event.reminder_id),
                    to_db(event.due),
                    event.event,
                    event.attempt,
                    to_db(event.at),
                    to_db(event.until) if event.until else None,
                ),
            )
        except sqlite3.Error as err:
            raise _wrap(err, self.path) from err
        return cursor.rowcount == 1

    def get_state(self, key: str) -> str | None:
        """A small named value (such as when the schedule last ran)."""
        rows = self._query("SELECT value FROM state WHERE key = ?", (key,))
        return str(rows[0]["value"]) if rows else None

    def set_state(self, key: str, value: str) -> None:
        """Set a named value (call inside ``atomic()``)."""
        self.conn.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, value))

    def noticed(self) -> set[tuple[str, datetime]]:
        """Missed occurrences already mentioned to the patient."""
        rows = self._query("SELECT reminder_id, due_utc FROM notices")
        return {(str(r["reminder_id"]), from_db(r["due_utc"])) for r in rows}

    def mark_noticed(self, reminder_id: str, due: datetime, now: datetime) -> None:
        """Remember that a missed occurrence was mentioned (call inside ``atomic()``)."""
        self.conn.execute(
            "INSERT OR IGNORE INTO notices VALUES (?, ?, ?)",
            (int(reminder_id), to_db(due), to_db(now)),
        )

    def save_plan(self, plan: Plan) -> None:
        """Store the plan (call inside ``atomic()``); there is only ever one."""
        self.conn.execute(
            "INSERT OR REPLACE INTO plan VALUES (1, ?, ?, ?)",
            (plan.surgery_date.isoformat(), plan.surgery_type, to_db(datetime.now(UTC))),
        )

    def plan(self) -> Plan | None:
        """The stored plan, or None."""
        rows = self._query("SELECT * FROM plan WHERE id = 1")
        if not rows:
            return None
        return Plan(date.fromisoformat(rows[0]["surgery_date"]), rows[0]["surgery_type"])


_READ_ONLY_HELP = "make it writable (chmod u+w) or choose another folder with --home"


def _wrap(err: sqlite3.Error, path: Path) -> ReminderError:
    message = str(err)
    if "readonly" in message or "read-only" in message:
        return ReminderError(f"reminder database {path} is read-only: {_READ_ONLY_HELP}")
    if "locked" in message or "busy" in message:
        return ReminderError(f"reminder database {path} is locked by another program: try again in a moment")
    if "unable to open" in message:
        return ReminderError(
            f"cannot open or create the reminder database {path}: check that its folder exists "
            "and is writable, or choose another folder with --home"
        )
    if "not a database" in message or "malformed" in message:
        return ReminderError(f"reminder database {path} is damaged ({message}): restore a copy")
    return ReminderError(f"reminder database {path}: {message}")


def _reminder(row: sqlite3.Row) -> Reminder:
    until = row["until_local"]
    return Reminder(
        id=str(row["id"]),
        text=row["text"],
        kind=row["kind"],
        start_local=datetime.fromisoformat(row["start_local"]),
        rule=row["rule"],
        until_local=datetime.fromisoformat(until) if until else None,
        source=row["source"],
    )


def _event(row: sqlite3.Row) -> Event:
    until = row["until_utc"]
    return Event(
        reminder_id=str(row["reminder_id"]),
        due=from_db(row["due_utc"]),
        event=row["event"],
        attempt=row["attempt"],
        at=from_db(row["at_utc"]),
        until=from_db(until) if until else None,
        seq=row["seq"],
    )
