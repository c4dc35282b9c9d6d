"""Who may use the carers' page: the PIN (argon2 hash), sessions, form tokens and the lock-out.

The PIN hash and the cookie-signing key are files in the home folder, readable by the user only
(mode 600). Sessions are kept server-side (a hash of a random id), so logging out or setting a
new PIN really ends them. After ``MAX_FAILURES`` wrong PINs in a row nobody can log in for
``LOCK_FOR``; the count is stored in the reminder database, so restarting does not reset it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from assistant.errors import ConfigError
from assistant.reminders.store import Store, from_db, to_db

_LOGGER = logging.getLogger(__name__)

PIN_FILE = "carer-pin.argon2"
SECRET_FILE = "carer-secret.key"
MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=5)
SESSION_IDLE = timedelta(hours=24)
"""A session not used for this long has to log in again (over 20 hours: WCAG 2.2.1, no time limit)."""
NONCE_KEEP = timedelta(days=2)
_PIN = re.compile(r"[0-9]{4,12}")  # not \d: it also matches other scripts' digits
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,100}")
_FAILURES_KEY = "carer.failed_logins"
_LOCKED_KEY = "carer.locked_until_utc"


def check_pin(pin: str) -> str:
    """Return the PIN if it is 4 to 12 digits, else raise ConfigError saying so."""
    if not _PIN.fullmatch(pin or ""):
        shown = "an empty PIN" if not pin else f"a PIN of {len(pin)} characters"
        raise ConfigError(f"{shown} is not accepted: a PIN must be 4 to 12 digits (0-9) and nothing else")
    return pin


def _write_private(path: Path, data: bytes) -> None:
    """Write a file only its owner can read, replacing any old one in one step."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as err:
        raise ConfigError(f"cannot write {path}: {err.strerror}") from err


def has_pin(home: Path) -> bool:
    """Whether a PIN has been chosen."""
    return (home / PIN_FILE).is_file()


def save_pin(home: Path, pin: str) -> None:
    """Store a salted argon2 hash of a valid PIN (the PIN itself is never written)."""
    _write_private(home / PIN_FILE, PasswordHasher().hash(check_pin(pin)).encode("ascii"))
    _LOGGER.info("carer PIN saved in %s", home / PIN_FILE)


def verify_pin(home: Path, pin: str) -> bool:
    """True if ``pin`` matches the stored hash; False for a wrong, missing or damaged one."""
    try:
        stored = (home / PIN_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return False
    try:
        return PasswordHasher().verify(stored, pin or "")
    except VerifyMismatchError:
        return False
    except (InvalidHashError, VerificationError) as err:
        _LOGGER.warning("the stored carer PIN hash is damaged (%s): set a new one with --set-pin", err)
        return False


def load_secret(home: Path) -> bytes:
    """The key that signs session cookies: made once, kept in the home folder (mode 600)."""
    path = home / SECRET_FILE
    try:
        if path.is_file() and path.stat().st_size >= 32:
            if path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)  # someone loosened it: only the user may read the key
            return path.read_bytes()
    except OSError as err:
        raise ConfigError(f"cannot read {path}: {err.strerror}") from err
    key = secrets.token_bytes(32)
    _write_private(path, key)
    return key


def locked_until(store: Store, now: datetime) -> datetime | None:
    """When the lock-out ends (UTC), or None if logging in is allowed at ``now``."""
    value = store.get_state(_LOCKED_KEY)
    if not value:
        return None
    until = from_db(value)
    return until if until > now else None


def record_failure(store: Store, now: datetime) -> datetime | None:
    """Count a wrong PIN; returns the end of the lock-out if this one started it."""
    with store.atomic():
        failures = int(store.get_state(_FAILURES_KEY) or 0) + 1
        if failures < MAX_FAILURES:
            store.set_state(_FAILURES_KEY, str(failures))
            return None
        until = now + LOCK_FOR
        store.set_state(_FAILURES_KEY, "0")
        store.set_state(_LOCKED_KEY, to_db(until))
    _LOGGER.warning("carers' page locked until %s after %d wrong PINs", until, MAX_FAILURES)
    return until


def failures_left(store: Store) -> int:
    """How many more wrong PINs start the lock-out."""
    return MAX_FAILURES - int(store.get_state(_FAILURES_KEY) or 0)


def reset_failures(store: Store) -> None:
    """Forget wrong PINs after a right one (or a new PIN)."""
    with store.atomic():
        store.set_state(_FAILURES_KEY, "0")
        store.set_state(_LOCKED_KEY, "")


def new_token() -> str:
    """A random token for a session id, an anti-forgery token or a one-time form nonce."""
    return secrets.token_urlsafe(32)


def is_token(value: str | None) -> bool:
    """Whether a submitted value looks like one of our tokens (checked before any lookup)."""
    return bool(value) and bool(_TOKEN.fullmatch(value or ""))


def _hash(sid: str) -> str:
    return hashlib.sha256(sid.encode("ascii")).hexdigest()


def start_session(store: Store, now: datetime) -> str:
    """Create a session; returns its id for the cookie."""
    sid = new_token()
    with store.atomic() as conn:
        conn.execute("DELETE FROM carer_sessions WHERE seen_utc < ?", (to_db(now - SESSION_IDLE),))
        conn.execute("INSERT INTO carer_sessions VALUES (?, ?, ?)", (_hash(sid), to_db(now), to_db(now)))
    return sid


def session_valid(store: Store, sid: str | None, now: datetime) -> bool:
    """Whether ``sid`` is a live session; using it keeps it alive."""
    if not is_token(sid):
        return False
    assert sid is not None
    with store.atomic() as conn:
        row = conn.execute("SELECT seen_utc FROM carer_sessions WHERE sid_hash = ?", (_hash(sid),)).fetchone()
        if row is None or from_db(row[0]) < now - SESSION_IDLE:
            return False
        conn.execute("UPDATE carer_sessions SET seen_utc = ? WHERE sid_hash = ?", (to_db(now), _hash(sid)))
    return True


def end_session(store: Store, sid: str | None) -> None:
    """Log a session out."""
    if is_token(sid):
        assert sid is not None
        with store.atomic() as conn:
            conn.execute("DELETE FROM carer_sessions WHERE sid_hash = ?", (_hash(sid),))


def end_all_sessions(store: Store) -> None:
    """Log everybody out (after a new PIN)."""
    with store.atomic() as conn:
        conn.execute("DELETE FROM carer_sessions")


def use_nonce(store: Store, nonce: str, now: datetime) -> str | None:
    """Spend a one-time form nonce (inside the caller's ``atomic()``).

    Returns None the first time, else the result recorded with ``nonce_result`` the first time.
    """
    conn = store.conn
    conn.execute("DELETE FROM carer_nonces WHERE used_utc < ?", (to_db(now - NONCE_KEEP),))
    cursor = conn.execute("INSERT OR IGNORE INTO carer_nonces VALUES (?, ?, '')", (nonce, to_db(now)))
    if cursor.rowcount == 1:
        return None
    row = conn.execute("SELECT result FROM carer_nonces WHERE nonce = ?", (nonce,)).fetchone()
    return str(row[0]) if row else ""


def nonce_result(store: Store, nonce: str, result: str) -> None:
    """Remember what a form did (inside the same ``atomic()``), to tell a repeat what happened."""
    store.conn.execute("UPDATE carer_nonces SET result = ? WHERE nonce = ?", (result, nonce))
