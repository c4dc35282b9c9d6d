"""The SQLite store: migrations, atomic writes, verbatim text, read-only and damaged files."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from assistant.errors import ReminderError
from assistant.reminders.store import DB_FILE, MIGRATIONS, Event, Plan, Reminder, Store

NOW = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
TRICKY = 'Robert\'); DROP TABLE reminders;-- "quoted" 100% _x_ ☺'


def _add(store: Store, text: str = "Take your painkillers", kind: str = "medication") -> str:
    rem = Reminder("", text, kind, datetime(2026, 11, 27, 8, 0), "FREQ=HOURLY;INTERVAL=6")
    return store.add_reminder(rem, NOW)


def test_migrations_are_named_ordered_and_applied_once(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    store = Store.open(tmp_path)
    names = [r[0] for r in store.conn.execute("SELECT name FROM migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_text_is_stored_verbatim(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    rid = _add(store, TRICKY)
    store.close()
    again = Store.open(tmp_path)
    assert again.get_reminder(rid).text == TRICKY
    assert len(again.reminders()) == 1


def test_same_event_is_logged_once(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    rid = _add(store)
    event = Event(rid, NOW, "announced", 0, NOW)
    with store.atomic():
        assert store.record(event) is True
        assert store.record(event) is False
    assert len(store.events()) == 1


def test_atomic_rolls_back_everything_on_error(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    rid = _add(store)
    with pytest.raises(RuntimeError), store.atomic():
        store.record(Event(rid, NOW, "announced", 0, NOW))
        store.set_state("last_run_utc", "x")
        raise RuntimeError("killed half way")
    assert store.events() == []
    assert store.get_state("last_run_utc") is None


def test_removed_reminders_are_hidden_but_kept(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    rid = _add(store)
    store.remove_reminder(rid, NOW)
    assert store.reminders() == []
    assert [r.id for r in store.reminders(include_removed=True)] == [rid]
    with pytest.raises(ReminderError, match="no reminder with id"):
        store.remove_reminder(rid, NOW)
    with pytest.raises(ReminderError, match="no reminder with id 'abc'"):
        store.get_reminder("abc")


def test_plan_round_trip(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    assert store.plan() is None
    with store.atomic():
        store.save_plan(Plan(date(2026, 11, 20), "open"))
    assert Store.open(tmp_path).plan() == Plan(date(2026, 11, 20), "open")


def test_read_only_database_is_a_clear_error(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    path = tmp_path / DB_FILE
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP)
    try:
        with pytest.raises(ReminderError, match="is read-only: make it writable"):
            Store.open(tmp_path)
    finally:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def test_damaged_database_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / DB_FILE).write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(ReminderError, match="damaged"):
        Store.open(tmp_path)


def test_locked_database_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("assistant.reminders.store.BUSY_TIMEOUT_MS", 50)
    store = Store.open(tmp_path)
    other = sqlite3.connect(tmp_path / DB_FILE, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        store.conn.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(ReminderError, match="locked by another program"):
            _add(store)
    finally:
        other.execute("ROLLBACK")


def test_unopenable_database_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / DB_FILE).mkdir()  # a folder where the database file should be
    with pytest.raises(ReminderError, match="cannot open or create the reminder database"):
        Store.open(tmp_path)
