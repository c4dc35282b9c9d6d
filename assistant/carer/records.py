"""What the carers' page does to the reminder store: add, edit, pause, resume and delete.

The store has no "update" and no "pause": a reminder is only ever added or marked removed, and
its log stays. So, honestly:
- **edit** removes the old reminder and adds the new one (a new id) in one transaction;
- **pause** takes the reminder off the schedule (``remove_reminder``, so a running ``listen``
  stops saying it at its next tick) and notes it in ``carer_paused``; **resume** adds it back
  (a new id) with the same text, kind and times, in one transaction.
Every change carries a one-time form nonce spent in the same transaction, so a form sent twice is
stored once. A change to a reminder that another carer has meanwhile edited, paused or deleted
raises ``Conflict`` and stores nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo

from assistant.carer.auth import nonce_result, use_nonce
from assistant.errors import ReminderError
from assistant.reminders.plan import make_plan
from assistant.reminders.schedule import next_occurrence, to_utc
from assistant.reminders.store import Plan, Reminder, Store, to_db

_LOGGER = logging.getLogger(__name__)


class Conflict(ReminderError):
    """The reminder was changed by someone else since the page was loaded."""


@dataclass(frozen=True)
class Outcome:
    """What a change did."""

    reminder_id: str
    """The id of the reminder now in force (the new one after an edit or resume)."""
    repeat: bool = False
    """True when the same form had already been sent: nothing new was stored."""


def _spend(store: Store, nonce: str, now: datetime) -> Outcome | None:
    earlier = use_nonce(store, nonce, now)
    return None if earlier is None else Outcome(earlier, repeat=True)


def _active(store: Store, reminder_id: str) -> Reminder:
    try:
        return store.get_reminder(reminder_id)
    except ReminderError as err:
        raise Conflict(
            f"Reminder {reminder_id} was changed, paused or deleted (perhaps by someone else) "
            "after this page was loaded, so nothing was changed. Here is the list as it is now."
        ) from err


def add_reminder(store: Store, item: Reminder, tz: tzinfo, nonce: str, now: datetime) -> Outcome:
    """Add a reminder, once per form nonce."""
    with store.atomic():
        repeat = _spend(store, nonce, now)
        if repeat:
            return repeat
        new_id = store.add_reminder(replace(item, source="carer"), to_utc(item.start_local, tz))
        nonce_result(store, nonce, new_id)
    _LOGGER.info("carer added reminder %s", new_id)
    return Outcome(new_id)


def edit_reminder(
    store: Store, old_id: str, item: Reminder, tz: tzinfo, nonce: str, now: datetime
) -> Outcome:
    """Replace an active reminder by an edited copy (a new id; the old one's log stays)."""
    with store.atomic():
        repeat = _spend(store, nonce, now)
        if repeat:
            return repeat
        old = _active(store, old_id)
        store.remove_reminder(old.id, now)
        new_id = store.add_reminder(replace(item, source=old.source), to_utc(item.start_local, tz))
        nonce_result(store, nonce, new_id)
    _LOGGER.info("carer edited reminder %s (now %s)", old_id, new_id)
    return Outcome(new_id)


def pause_reminder(store: Store, reminder_id: str, nonce: str, now: datetime) -> Outcome:
    """Take a reminder off the schedule until it is resumed."""
    with store.atomic() as conn:
        repeat = _spend(store, nonce, now)
        if repeat:
            return repeat
        old = _active(store, reminder_id)
        store.remove_reminder(old.id, now)
        conn.execute("INSERT OR REPLACE INTO carer_paused VALUES (?, ?)", (int(old.id), to_db(now)))
        nonce_result(store, nonce, old.id)
    return Outcome(old.id)


def paused_reminders(store: Store) -> list[Reminder]:
    """Reminders paused on this page and not yet resumed or deleted."""
    paused = {str(row[0]) for row in store.conn.execute("SELECT reminder_id FROM carer_paused")}
    return [r for r in store.reminders(include_removed=True) if r.id in paused]


def _paused(store: Store, reminder_id: str) -> Reminder:
    found = [r for r in paused_reminders(store) if r.id == str(reminder_id)]
    if not found:
        raise Conflict(
            f"Reminder {reminder_id} is no longer paused (perhaps someone else resumed or deleted it), "
            "so nothing was changed. Here is the list as it is now."
        )
    return found[0]


def resume_reminder(store: Store, reminder_id: str, tz: tzinfo, nonce: str, now: datetime) -> Outcome:
    """Put a paused reminder back on the schedule (a new id, same text, kind and times)."""
    with store.atomic() as conn:
        repeat = _spend(store, nonce, now)
        if repeat:
            return repeat
        old = _paused(store, reminder_id)
        if next_occurrence(old, tz, now) is None:
            raise ReminderError(
                f"Reminder {old.id} has no times left to fall due (its last time has passed), so it "
                "cannot be resumed. Delete it and add a new one."
            )
        new_id = store.add_reminder(old, to_utc(old.start_local, tz))
        conn.execute("DELETE FROM carer_paused WHERE reminder_id = ?", (int(old.id),))
        nonce_result(store, nonce, new_id)
    return Outcome(new_id)


def delete_reminder(store: Store, reminder_id: str, nonce: str, now: datetime) -> Outcome:
    """Delete an active or paused reminder (its log stays)."""
    with store.atomic() as conn:
        repeat = _spend(store, nonce, now)
        if repeat:
            return repeat
        gone = conn.execute("DELETE FROM carer_paused WHERE reminder_id = ?", (_int(reminder_id),))
        if gone.rowcount == 0:
            store.remove_reminder(_active(store, reminder_id).id, now)
        nonce_result(store, nonce, str(reminder_id))
    return Outcome(str(reminder_id))


def set_plan(store: Store, plan: Plan, tz: tzinfo, nonce: str, now: datetime) -> Outcome:
    """Save the plan and re-seed its reminders with the voice side's own ``make_plan``, once per nonce.

    Paused reminders the old plan had seeded are dropped too, so resuming cannot bring one back.
    """
    with store.atomic() as conn:
        repeat = _spend(store, nonce, now)
        if repeat:
            return repeat
        for old in paused_reminders(store):
            if old.source == "plan":
                conn.execute("DELETE FROM carer_paused WHERE reminder_id = ?", (int(old.id),))
        make_plan(store, plan.surgery_date, plan.surgery_type, tz)
        nonce_result(store, nonce, "plan")
    return Outcome("plan")


def nonce_used(store: Store, nonce: str) -> bool:
    """Whether a form with this nonce was already carried out (so a repeat is not a conflict)."""
    row = store.conn.execute("SELECT 1 FROM carer_nonces WHERE nonce = ?", (nonce,)).fetchone()
    return row is not None


def find_reminder(store: Store, reminder_id: str) -> tuple[Reminder, bool] | None:
    """An active or paused reminder and whether it is paused, or None."""
    for rem in store.reminders():
        if rem.id == str(reminder_id):
            return rem, False
    for rem in paused_reminders(store):
        if rem.id == str(reminder_id):
            return rem, True
    return None


def _int(value: str) -> int:
    return int(value) if str(value).isdigit() else -1
