"""Recognise what a patient says about reminders: pure, narrow, and never a leaflet question.

``reminder_intent`` only fires on whole utterances that are clearly about reminders ("done",
"I've taken them", "what's next?", "remind me to ..."), never on leaflet questions such as
"when can I take painkillers as tablets?" or "what happens next after the operation?".
"yes" and "no" count only while a new reminder waits for confirmation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from assistant.reminders.parse import number_word

SNOOZE_MINUTES = 10
# words for medicines; also used to match a spoken request to medication reminders
MEDICINE = r"(?:tablets?|pills?|painkillers?|medicines?|medication|meds|dose|paracetamol|capsules?)"
_THING = rf"(?:them|it|that|(?:my|the|your)\s+(?:\w+\s+){{0,2}}?(?:{MEDICINE}|exercises?|walk))"
_ACK = [
    re.compile(r"^(?:ok(?:ay)?\s+)?(?:all\s+)?(?:done|finished|done it|i'?m done|i'?ve done it)$"),
    re.compile(
        rf"^(?:yes\s+)?(?:i(?:'ve|ve|\s+have)?\s+)?(?:just\s+)?(?:taken|took|had|done)\s+{_THING}(?:\s+now)?$"
    ),
]
_SNOOZE = re.compile(
    r"^(?:(?:not\s+now\s*)?(?:remind\s+me\s+)?later(?:\s+please)?|not\s+now|snooze|"
    r"remind\s+me\s+(?:again\s+)?in\s+(?P<n>\d+|[a-z]+(?:-[a-z]+)?)\s+minutes?)$"
)
_NEXT = re.compile(
    r"^(?:what'?s|what\s+is|whats)\s+next(?:\s+for\s+me)?|(?:are\s+there\s+|do\s+i\s+have\s+)?any\s+"
    r"reminders(?:\s+today|\s+for\s+me)?|what\s+(?:are\s+my|reminders\s+do\s+i\s+have)(?:\s+reminders)?"
    r"(?:\s+today)?|what(?:'s|\s+is)\s+my\s+next\s+reminder|when(?:'s|\s+is)\s+my\s+next\s+reminder$"
)
_CHECK = re.compile(
    rf"^(?:did|have)\s+i\s+(?:take|taken|had|have)\s+(?:my|the)\s+(?P<what>(?:\w+\s+)?{MEDICINE})"
    r"(?:\s+(?:today|this\s+morning|yet|already))?$"
)
_CREATE = re.compile(
    r"^(?:please\s+|can\s+you\s+|could\s+you\s+)?(?:remind\s+me|set\s+a\s+reminder)\s+to\s+(?P<rest>.+)$"
)
_CANCEL = re.compile(
    r"^(?:please\s+)?(?:cancel|delete|remove|stop)\s+(?:the|my)\s+(?P<what>.+?)\s+reminders?$"
)
_YES = {"yes", "yes please", "yeah", "yep", "ok", "okay", "save it", "yes save it", "correct", "that's right"}
_NO = {"no", "no thanks", "no thank you", "don't", "cancel", "cancel it", "nope", "don't save it"}


@dataclass(frozen=True)
class ReminderIntent:
    """A recognised request about reminders."""

    action: str
    """acknowledge | snooze | next | check | create | cancel | confirm | decline"""
    subject: str | None = None
    """Words naming the reminder, e.g. "painkillers" or "breathing"."""
    minutes: int | None = None
    """For a snooze: how long."""
    what: str | None = None
    """For create: what to do, in the patient's words ("do my breathing exercises every two hours")."""


@dataclass(frozen=True)
class PendingReminder:
    """A reminder the patient asked for, restated and waiting for "yes"."""

    text: str
    kind: str
    start: datetime
    rule: str | None
    words: str
    """How the schedule was said back."""


def _normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"[^\w'\s:-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def reminder_intent(text: str, pending: PendingReminder | None = None) -> ReminderIntent | None:
    """Recognise a reminder request in one utterance, or None (then it is a leaflet question)."""
    said = _normalise(text)
    if pending is not None and said in _YES:
        return ReminderIntent("confirm")
    if pending is not None and said in _NO:
        return ReminderIntent("decline")
    if any(p.match(said) for p in _ACK):
        found = re.search(MEDICINE + r"|exercises?|walk", said)
        return ReminderIntent("acknowledge", subject=found.group(0) if found else None)
    snoozed = _SNOOZE.match(said)
    if snoozed:
        minutes = number_word(snoozed.group("n")) if snoozed.group("n") else SNOOZE_MINUTES
        return ReminderIntent("snooze", minutes=minutes)
    if _NEXT.fullmatch(said):
        return ReminderIntent("next")
    checked = _CHECK.match(said)
    if checked:
        return ReminderIntent("check", subject=checked.group("what"))
    created = _CREATE.match(said)
    if created:
        return ReminderIntent("create", what=created.group("rest"))
    cancelled = _CANCEL.match(said)
    if cancelled:
        return ReminderIntent("cancel", subject=cancelled.group("what"))
    return None
