"""Connect the dialogue to the reminder store: notices, voice requests and personal dates."""

from __future__ import annotations

import logging
from datetime import datetime, tzinfo

from assistant.content import Section
from assistant.dialogue import Reply
from assistant.errors import ReminderError
from assistant.reminders.plan import date_answer
from assistant.reminders.store import Store
from assistant.reminders.voice import (
    PendingReminder,
    handle_reminder_intent,
    pending_notices,
    reminder_intent,
)

_LOGGER = logging.getLogger(__name__)


class StoreHooks:
    """The dialogue's view of the reminder system, for one conversation."""

    def __init__(self, store: Store, tz: tzinfo) -> None:
        self._store = store
        self._tz = tz
        self._pending: PendingReminder | None = None

    def notices(self, now: datetime) -> list[str]:
        """Missed medication not yet mentioned (each is said once)."""
        try:
            return pending_notices(self._store, now, self._tz)
        except ReminderError as err:
            _LOGGER.warning("cannot read missed reminders: %s", err)
            return []

    def handle(self, text: str, now: datetime) -> Reply | None:
        """A reply if the utterance is about reminders ("I've taken them", "what's next?")."""
        intent = reminder_intent(text, self._pending)
        if intent is None:
            self._pending = None
            return None
        try:
            result = handle_reminder_intent(intent, self._store, now, self._tz, self._pending)
        except ReminderError as err:
            self._pending = None
            return Reply("reminder", f"Sorry, I couldn't do that: {err}. Your carer can help.", confidence=0.5)
        self._pending = result.pending
        return Reply(result.kind, result.say, confidence=1.0)

    def date_answer(self, section: Section, now: datetime) -> str | None:
        """A personal date for a section with ``from-surgery`` when a recovery plan exists."""
        try:
            plan = self._store.plan()
        except ReminderError as err:
            _LOGGER.warning("cannot read the recovery plan: %s", err)
            return None
        return date_answer(section.id, section.from_surgery, plan, now)
