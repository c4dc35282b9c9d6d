"""What the assistant answers when the patient talks about reminders, and what it logs.

``reminder_intent`` (re-exported from ``intents``) recognises the request; ``handle_reminder_intent``
acts on the store; ``pending_notices`` lists missed doses to mention at the next interaction.

Choices: acknowledging confirms every dose now waiting (or, if none is waiting, the latest dose
due in the last 6 hours or the next 30 minutes). New reminders are restated and only saved after
"yes"; the pending one travels in ``VoiceReply.pending`` and is passed back by the caller.
By voice the patient may cancel activities, notes and reminders they set by voice; medication
and appointments set by a carer are left for the carer to change.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from assistant.errors import ReminderError
from assistant.reminders.intents import (
    MEDICINE,
    SNOOZE_MINUTES,
    PendingReminder,
    ReminderIntent,
    reminder_intent,
)
from assistant.reminders.parse import (
    check_text,
    parse_spoken_when,
    say_clock,
    say_relative,
    say_time,
)
from assistant.reminders.schedule import (
    next_occurrence,
    occurrences,
    outstanding,
    snooze,
    subject,
    to_local_naive,
    to_utc,
)
from assistant.reminders.store import Event, Reminder, Store

_LOGGER = logging.getLogger(__name__)

LATE_ACK = timedelta(hours=6)
EARLY_ACK = timedelta(minutes=30)
_STOP = {"the", "my", "a", "to", "do", "take", "have", "your", "reminder", "for", "of", "and"}


@dataclass(frozen=True)
class VoiceReply:
    """What to say back, and what changed."""

    say: str
    kind: str
    """reminder | command"""
    reminder_id: str | None = None
    pending: PendingReminder | None = None
    """A creation waiting for yes/no: pass it back with the next turn."""


def handle_reminder_intent(
    intent: ReminderIntent,
    store: Store,
    now: datetime,
    tz: tzinfo,
    pending: PendingReminder | None = None,
) -> VoiceReply:
    """Act on a recognised request and say what happened."""
    handlers = {
        "acknowledge": _acknowledge,
        "snooze": _snooze,
        "next": _next,
        "check": _check,
        "cancel": _cancel,
    }
    if intent.action == "create":
        return _create(intent, now.astimezone(tz))
    if intent.action == "confirm" and pending is not None:
        return _save(pending, store, tz)
    if intent.action in ("confirm", "decline"):
        return VoiceReply("All right, I haven't saved it.", "command")
    return handlers[intent.action](intent, store, now, tz)


def _matches(rem: Reminder, words: str | None) -> bool:
    if not words:
        return True
    if re.search(MEDICINE, words):
        return rem.kind == "medication"
    wanted = [w for w in re.findall(r"\w+", words.lower()) if w not in _STOP]
    return all(w.rstrip("s") in rem.text.lower() for w in wanted)


def _acknowledge(intent: ReminderIntent, store: Store, now: datetime, tz: tzinfo) -> VoiceReply:
    with store.atomic():
        active = {r.id: r for r in store.reminders() if _matches(r, intent.subject)}
        events = store.events(list(active))
        kinds = {rid: rem.kind for rid, rem in active.items()}
        targets = outstanding(events, kinds, now)
        if not targets:
            targets = _recent_unconfirmed(list(active.values()), events, now, tz)
        for rid, due in targets:
            store.record(Event(rid, due, "acknowledged", 0, now))
    if not targets:
        return VoiceReply("Thank you. There's no reminder waiting to be confirmed just now.", "reminder")
    rid, due = targets[-1]
    what = subject(active[rid].text)
    when = say_clock(due.astimezone(tz))
    return VoiceReply(
        f"Thank you. I've noted your {when} {what} as done, at {say_time(now.astimezone(tz))}.",
        "reminder",
        rid,
    )


def _recent_unconfirmed(
    reminders: list[Reminder], events: list[Event], now: datetime, tz: tzinfo
) -> list[tuple[str, datetime]]:
    """The latest dose due in the last 6 hours (or next 30 minutes) that is not confirmed."""
    acked = {(e.reminder_id, e.due) for e in events if e.event == "acknowledged"}
    found = [
        (rem.id, due)
        for rem in reminders
        if rem.kind == "medication"
        for due in occurrences(rem, tz, now - LATE_ACK, now + EARLY_ACK)
        if (rem.id, due) not in acked
    ]
    return sorted(found, key=lambda item: item[1])[-1:]


def _snooze(intent: ReminderIntent, store: Store, now: datetime, tz: tzinfo) -> VoiceReply:
    minutes = intent.minutes or SNOOZE_MINUTES
    if minutes > 24 * 60:
        return VoiceReply("I can put a reminder off for up to a day. Please say a shorter time.", "command")
    until = now + timedelta(minutes=minutes)
    logged = snooze(store, until, now)
    if not logged:
        return VoiceReply("There's no reminder waiting just now.", "reminder")
    return VoiceReply(
        f"All right, I'll remind you again at {say_time(until.astimezone(tz))}.",
        "reminder",
        logged[-1].reminder_id,
    )


def _next(intent: ReminderIntent, store: Store, now: datetime, tz: tzinfo) -> VoiceReply:
    local_now = now.astimezone(tz)
    upcoming = []
    notes = []
    for rem in store.reminders():
        when = next_occurrence(rem, tz, now)
        if rem.kind == "note" and rem.rule is not None and when is not None:
            notes.append(rem.text)
        elif when is not None:
            upcoming.append((when, rem))
    upcoming.sort(key=lambda item: item[0])
    parts = [
        f"{_sentence_stem(rem.text)}, {say_relative(when.astimezone(tz), local_now)}."
        for when, rem in upcoming[:2]
    ]
    if not parts and not notes:
        return VoiceReply("You have no reminders coming up.", "reminder")
    say = ("Next: " + " Then: ".join(parts)) if parts else "You have no timed reminders coming up."
    if notes:
        reminders = [n.removeprefix("Remember: ") for n in notes[:2]]
        say += " Also, remember: " + " ".join(n[:1].upper() + n[1:] for n in reminders)
    return VoiceReply(say, "reminder", upcoming[0][1].id if upcoming else None)


def _sentence_stem(text: str) -> str:
    return text.strip().rstrip(".!?")


def _check(intent: ReminderIntent, store: Store, now: datetime, tz: tzinfo) -> VoiceReply:
    what = intent.subject or "medication"
    meds = {r.id: r for r in store.reminders() if r.kind == "medication"}
    if not meds:
        return VoiceReply(
            f"I don't have a reminder for your {what}, so I can't tell. Your carer can add one.",
            "reminder",
        )
    today = now.astimezone(tz).date()
    taken = sorted(
        e.at.astimezone(tz)
        for e in store.events(list(meds))
        if e.event == "acknowledged" and e.at.astimezone(tz).date() == today and e.at <= now
    )
    if not taken:
        return VoiceReply(f"No, I have no record of you taking your {what} today.", "reminder")
    times = [say_time(t) for t in taken]
    listed = times[0] if len(times) == 1 else ", ".join(times[:-1]) + " and " + times[-1]
    return VoiceReply(f"Yes: you confirmed your {what} today at {listed}.", "reminder")


def _you(words: str) -> str:
    swaps = {"my": "your", "i": "you", "me": "you", "myself": "yourself", "i'm": "you're"}
    return " ".join(swaps.get(w, w) for w in words.split())


def _guess_kind(text: str) -> str:
    if re.search(MEDICINE, text):
        return "medication"
    if re.search(r"exercise|walk|breath|stretch|move|drink water|stand", text):
        return "activity"
    if re.search(r"appointment|clinic|check-?up|hospital|nurse|doctor|gp", text):
        return "appointment"
    return "note"


def _create(intent: ReminderIntent, local_now: datetime) -> VoiceReply:
    rest = intent.what or ""
    cut = re.search(r"\s+(?:every|in|at|tomorrow|daily)\b.*$", rest)
    task = _you(rest[: cut.start()] if cut else rest).strip()
    try:
        schedule = parse_spoken_when(cut.group(0) if cut else "", local_now)
    except ReminderError as err:
        return VoiceReply(f"Sorry, I can't use that time: {err}. Please try again.", "command")
    if schedule is None or not task:
        return VoiceReply(
            "When should I remind you? For example, say: remind me to do my breathing exercises "
            "every two hours.",
            "command",
        )
    text = task[:1].upper() + task[1:]
    pending = PendingReminder(text, _guess_kind(task), schedule.start, schedule.rule, schedule.words)
    say = f"I'll remind you to {task} {schedule.words}. Say yes to save it, or no to cancel."
    return VoiceReply(say, "reminder", None, pending)


def _save(pending: PendingReminder, store: Store, tz: tzinfo) -> VoiceReply:
    try:
        text = check_text(pending.text)
    except ReminderError as err:
        return VoiceReply(f"Sorry, I couldn't save that: {err}.", "command")
    local = to_local_naive(pending.start, tz)
    rem = Reminder("", text, pending.kind, local, pending.rule, source="voice")
    new_id = store.add_reminder(rem, to_utc(local, tz))
    handle = " ".join(w for w in subject(text).split() if w.lower() not in _STOP) or subject(text)
    say = (
        f"Saved. I'll remind you to {text[:1].lower() + text[1:]} {pending.words}. "
        f"To stop it, say: cancel the {handle} reminder."
    )
    return VoiceReply(say, "reminder", new_id)


def _cancel(intent: ReminderIntent, store: Store, now: datetime, tz: tzinfo) -> VoiceReply:
    found = [r for r in store.reminders() if _matches(r, intent.subject)]
    if not found:
        return VoiceReply(f"I couldn't find a reminder about {intent.subject}.", "command")
    if len(found) > 1:
        return VoiceReply(
            f"I found {len(found)} reminders about {intent.subject}. Please say more exactly "
            "which one, or ask your carer.",
            "command",
        )
    rem = found[0]
    if rem.kind in ("medication", "appointment") and rem.source != "voice":
        return VoiceReply("Your carer set that reminder, so please ask them to change it.", "command")
    store.remove_reminder(rem.id, now)
    return VoiceReply(f"I've cancelled the reminder: {_sentence_stem(rem.text)}.", "command", rem.id)


def pending_notices(store: Store, now: datetime, tz: tzinfo) -> list[str]:
    """Missed doses not yet mentioned to the patient, one line per reminder; each is said once."""
    lines: list[str] = []
    with store.atomic():
        seen = store.noticed()
        meds = {r.id: r for r in store.reminders() if r.kind == "medication"}
        fresh = [
            e
            for e in store.events(list(meds))
            if e.event == "missed"
            and (e.reminder_id, e.due) not in seen
            and e.at <= now
            and e.due > now - timedelta(days=7)
        ]
        acked = {(e.reminder_id, e.due) for e in store.events(list(meds)) if e.event == "acknowledged"}
        for rid in sorted({e.reminder_id for e in fresh}, key=int):
            dues = sorted(e.due for e in fresh if e.reminder_id == rid and (rid, e.due) not in acked)
            for due in dues:
                store.mark_noticed(rid, due, now)
            what = subject(meds[rid].text)
            if len(dues) > 3:
                last = say_clock(dues[-1].astimezone(tz))
                lines.append(
                    f"You haven't confirmed {len(dues)} doses of your {what}; the last was at {last}."
                )
            elif dues:
                clocks = [say_clock(d.astimezone(tz)) for d in dues]
                listed = clocks[0] if len(clocks) == 1 else ", ".join(clocks[:-1]) + " and " + clocks[-1]
                lines.append(f"You haven't confirmed your {listed} {what}.")
    return lines


__all__ = [
    "PendingReminder",
    "ReminderIntent",
    "VoiceReply",
    "handle_reminder_intent",
    "pending_notices",
    "reminder_intent",
]
