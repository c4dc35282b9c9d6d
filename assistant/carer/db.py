"""The carers' page's own tables, kept in the reminder database so one transaction covers both.

The reminders package owns its tables and migrations; this module only adds ``carer_*`` tables
(``CREATE TABLE IF NOT EXISTS``, so it is safe to run on every open) and never alters theirs:
- ``carer_sessions``: logged-in sessions (a hash of the session id, never the id itself);
- ``carer_nonces``: one-time form tokens already used, so a form sent twice is stored once;
- ``carer_paused``: reminders a carer paused (taken off the schedule, ready to be resumed).
The lock-out counter lives in the store's ``state`` table under ``carer.*`` keys.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from assistant.errors import ReminderError
from assistant.reminders.store import Store

_LOGGER = logging.getLogger(__name__)

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS carer_sessions ("
    " sid_hash TEXT PRIMARY KEY, created_utc TEXT NOT NULL, seen_utc TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS carer_nonces ("
    " nonce TEXT PRIMARY KEY, used_utc TEXT NOT NULL, result TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE IF NOT EXISTS carer_paused ("
    " reminder_id INTEGER PRIMARY KEY, paused_utc TEXT NOT NULL)",
)


def open_store(home: Path) -> Store:
    """Open the reminder store and make sure the carers' tables exist."""
    store = Store.open(home)
    try:
        with store.atomic() as conn:
            for statement in SCHEMA:
                conn.execute(statement)
    except sqlite3.Error as err:
        store.close()
        raise ReminderError(f"reminder database {store.path}: {err}") from err
    return store
