"""When reminders are spoken: pure decisions from (reminders, log, now), and a Scheduler to record them.

Policy by kind:

- **medication**: said when due; re-prompted every 10 minutes until acknowledged, at most 3
  times; 10 minutes after the last re-prompt it is logged ``missed`` and mentioned at the next
  interaction. A snooze ("later") re-prompts at the snooze time, then up to 3 times more. When the
  next dose falls due, an unconfirmed earlier dose is logged missed at once.
- **activity**: said once; if it could not be said within an hour (or before the next one), it
  quietly expires: nothing is said or logged.
- **appointment**: said the day before (24 hours ahead) and an hour before; if the program was
  off for both, it is mentioned once afterwards as missed.
- **note** (restrictions such as no heavy lifting): said at its times (the plan makes them
  weekly) and when asked; one not said within 24 hours quietly expires.

Missed while off: the schedule remembers when it last ran. On the first run after a gap,
unconfirmed medication doses that fell due while it was off are each logged ``missed`` but
spoken as ONE summary line per reminder, whatever their number; a clock jump looks like a gap,
so it never replays a week of doses. Only the last 7 days are looked at. Recurrence is expanded
on the local wall clock of the given zone, so "daily 08:00" stays 08:00 across daylight saving.
Decisions depend on the schedule, not on when ticks happen to run, so repeating a run is a no-op.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from dateutil.rrule import rrulestr

from assistant.reminders.parse import say_clock, say_date, say_relative
from assistant.reminders.store import Event, Reminder, Store, from_db, to_db

_LOGGER = logging.getLogger(__name__)

REPROMPT_EVERY = timedelta(minutes=10)
MAX_REPROMPTS = 3
ACTIVITY_WINDOW = timedelta(hours=1)
NOTE_WINDOW = timedelta(hours=24)
APPOINTMENT_LEADS = (timedelta(days=1), timedelta(hours=1))
CATCH_UP_LIMIT = timedelta(days=7)
LAST_RUN_KEY = "last_run_utc"
_PROMPTS = ("announced", "reprompted")
_FINAL = ("acknowledged", "missed")


@dataclass(frozen=True)
class Announcement:
    """Something to say now, and the log lines that record it."""

    reminder_id: str
    kind: str
    say: str
    due: datetime
    """The occurrence (UTC); for a summary, the latest one."""
    status: str
    """due | reprompt | missed"""
    events: tuple[Event, ...]


def to_local_naive(when: datetime, tz: tzinfo) -> datetime:
    """An aware time as naive local wall-clock time."""
    return when.astimezone(tz).replace(tzinfo=None)


def to_utc(local: datetime, tz: tzinfo) -> datetime:
    """Naive local wall-clock time as aware UTC (a time in a spring-forward gap moves forward)."""
    return local.replace(tzinfo=tz).astimezone(UTC)


def occurrences(rem: Reminder, tz: tzinfo, after: datetime, until: datetime) -> list[datetime]:
    """UTC occurrences of a reminder in (after, until], expanded on the local wall clock."""
    if rem.rule is None:
        local = [rem.start_local]
    else:
        rule = rrulestr(rem.rule, dtstart=rem.start_local)
        slack = timedelta(hours=3)  # covers the wall clock's DST shifts before exact filtering
        lo = to_local_naive(after, tz) - slack
        hi = to_local_naive(until, tz) + slack
        local = list(rule.between(max(lo, rem.start_local - slack), hi, inc=True))
    if rem.until_local is not None:
        local = [t for t in local if t <= rem.until_local]
    found = sorted({to_utc(t, tz) for t in local})
    return [t for t in found if after < t <= until]


def next_occurrence(rem: Reminder, tz: tzinfo, now: datetime) -> datetime | None:
    """The first occurrence after ``now`` (UTC), or None when there are no more."""
    if rem.rule is None:
        start = to_utc(rem.start_local, tz)
        return start if start > now else None
    rule = rrulestr(rem.rule, dtstart=rem.start_local)
    local = rule.after(to_local_naive(now, tz))
    if local is None or (rem.until_local is not None and local > rem.until_local):
        return None
    return to_utc(local, tz)


def subject(text: str) -> str:
    """What a reminder is about, for "your 8 o'clock painkillers": "Take your painkillers" -> "painkillers"."""
    words = text.strip().rstrip(".!?").split()
    while words and words[0].lower() in ("time", "for", "to", "take", "have", "do", "please"):
        words = words[1:]
    if words and words[0].lower() in ("your", "my", "the", "a"):
        words = words[1:]
    phrase = " ".join(words) or text.strip()
    return phrase[:1].lower() + phrase[1:]


def _plain(text: str) -> str:
    """Text already phrased as a reminder ("Time for…", "Remember…") is said as it is."""
    spoken = _sentence(text)
    if re.match(r"(?i)(time for|remember|it is|it's|reminder)\b", spoken):
        return spoken
    return f"Reminder: {spoken}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."


def due_announcements(
    reminders: list[Reminder],
    events: list[Event],
    now: datetime,
    tz: tzinfo,
    since: datetime | None = None,
) -> list[Announcement]:
    """What to say at ``now``, given the log; ``since`` is when the schedule last ran (or None)."""
    logged: dict[str, dict[datetime, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for event in events:
        logged[event.reminder_id][event.due].append(event)
    found: list[Announcement] = []
    for rem in reminders:
        found.extend(_for_reminder(rem, logged[rem.id], now, tz, since))
    return found


def _for_reminder(
    rem: Reminder,
    logged: dict[datetime, list[Event]],
    now: datetime,
    tz: tzinfo,
    since: datetime | None,
) -> list[Announcement]:
    lead = APPOINTMENT_LEADS[0] if rem.kind == "appointment" else timedelta(0)
    # Occurrences before the last run that left no trace were handled (expired) then. If the
    # clock went back, that mark means nothing: the log alone prevents repeats.
    lower = now - CATCH_UP_LIMIT
    if since is not None and since <= now:
        lower = max(lower, since)
    dues = set(occurrences(rem, tz, lower, now + lead))
    dues |= {due for due in logged if due > now - CATCH_UP_LIMIT}
    ordered = sorted(dues)
    found: list[Announcement] = []
    missed_while_off: list[datetime] = []
    for index, due in enumerate(ordered):
        later = ordered[index + 1] if index + 1 < len(ordered) else None
        cutoff = later if later is not None and later <= now else None
        evs = sorted(logged.get(due, []), key=lambda e: e.seq)
        if rem.kind == "medication":
            decided = _medication(rem, due, evs, now, tz, cutoff)
            if decided == "off":
                missed_while_off.append(due)
            elif isinstance(decided, Announcement):
                found.append(decided)
        elif rem.kind == "appointment":
            found.extend(_appointment(rem, due, evs, now, tz))
        elif not evs:
            window = ACTIVITY_WINDOW if rem.kind == "activity" else NOTE_WINDOW
            end = min(due + window, cutoff) if cutoff else due + window
            if due <= now < end:
                found.append(_say(rem, due, now, "due", "announced", 0, _plain(rem.text)))
    if len(missed_while_off) == 1 and any(logged.get(missed_while_off[0], [])):
        local = missed_while_off[0].astimezone(tz)
        say = f"You haven't confirmed your {say_clock(local)} {subject(rem.text)}."
        found.insert(0, _say(rem, missed_while_off[0], now, "missed", "missed", 0, say))
    elif missed_while_off:
        found.insert(0, _summary(rem, missed_while_off, now, tz))
    return found


def _say(
    rem: Reminder, due: datetime, now: datetime, status: str, event: str, attempt: int, say: str
) -> Announcement:
    return Announcement(rem.id, rem.kind, say, due, status, (Event(rem.id, due, event, attempt, now),))


def _medication(
    rem: Reminder,
    due: datetime,
    evs: list[Event],
    now: datetime,
    tz: tzinfo,
    cutoff: datetime | None,
) -> Announcement | str | None:
    """One dose's next step: an Announcement, "off" (now missed) or None."""
    if due > now or any(e.event in _FINAL for e in evs):
        return None
    prompts = [e for e in evs if e.event in _PROMPTS]
    steps = _medication_steps(due, evs, prompts)
    missed_at = steps[-1][0] if cutoff is None else min(steps[-1][0], cutoff)
    if not prompts:
        if now >= missed_at:
            return "off"
        return _say(
            rem, due, now, "due", "announced", 0, f"Reminder: {_sentence(rem.text)} Say done when you have."
        )
    if now >= missed_at:
        return "off"
    done = max(e.attempt for e in prompts)
    ready = [s for s in steps[:-1] if s[0] <= now and s[1] > done]
    if not ready:
        return None
    return _say(
        rem,
        due,
        now,
        "reprompt",
        "reprompted",
        ready[-1][1],
        f"Reminder again: {_sentence(rem.text)} Say done when you have.",
    )


def _medication_steps(due: datetime, evs: list[Event], prompts: list[Event]) -> list[tuple[datetime, int]]:
    """(time, attempt) of each prompt still scheduled; the last entry is the time it is missed."""
    snoozes = [e for e in evs if e.event == "snoozed" and e.until is not None]
    if snoozes:
        last = snoozes[-1]
        assert last.until is not None
        base = 1 + max((p.attempt for p in prompts if p.seq < last.seq), default=0)
        steps = [(last.until + j * REPROMPT_EVERY, base + j) for j in range(MAX_REPROMPTS)]
        return [*steps, (last.until + MAX_REPROMPTS * REPROMPT_EVERY, -1)]
    steps = [(due + k * REPROMPT_EVERY, k) for k in range(MAX_REPROMPTS + 1)]
    return [*steps, (due + (MAX_REPROMPTS + 1) * REPROMPT_EVERY, -1)]


def _appointment(
    rem: Reminder, due: datetime, evs: list[Event], now: datetime, tz: tzinfo
) -> list[Announcement]:
    """Said 24 hours and 1 hour ahead; mentioned as missed if neither could be said."""
    if any(e.event == "missed" for e in evs):
        return []
    local_due, local_now = due.astimezone(tz), now.astimezone(tz)
    if now >= due:
        if evs:
            return []
        say = (
            f"While I was switched off, you had an appointment on {say_date(local_due.date())}"
            f" at {say_clock(local_due)}: {_sentence(rem.text)}"
        )
        return [_say(rem, due, now, "missed", "missed", 0, say)]
    done = max((e.attempt for e in evs if e.event == "announced"), default=-1)
    ready = [k for k, lead in enumerate(APPOINTMENT_LEADS) if due - lead <= now and k > done]
    if not ready:
        return []
    say = f"Appointment reminder: {rem.text.strip().rstrip('.')}, {say_relative(local_due, local_now)}."
    return [_say(rem, due, now, "due", "announced", ready[-1], say)]


def _summary(rem: Reminder, dues: list[datetime], now: datetime, tz: tzinfo) -> Announcement:
    """One line for every dose of one reminder that fell due while the program was off."""
    local_now = now.astimezone(tz)
    names = [_clock_on(d.astimezone(tz), local_now) for d in dues]
    what = subject(rem.text)
    if len(dues) <= 3:
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        say = f"While I was switched off, your {listed} {what} fell due and weren't confirmed."
    else:
        say = (
            f"While I was switched off, {len(dues)} doses of your {what} fell due and weren't"
            f" confirmed; the last was at {names[-1]}."
        )
    events = tuple(Event(rem.id, d, "missed", 0, now) for d in dues)
    return Announcement(rem.id, rem.kind, say, dues[-1], "missed", events)


def _clock_on(local: datetime, local_now: datetime) -> str:
    days = (local_now.date() - local.date()).days
    if days == 0:
        return say_clock(local)
    if days == 1:
        return f"{say_clock(local)} yesterday"
    return f"{say_clock(local)} on {local:%A}"


class Scheduler:
    """Runs the schedule against the store: what falls due is logged, then returned to be said."""

    def __init__(self, store: Store, tz: tzinfo) -> None:
        self.store = store
        self.tz = tz

    def run_pending(self, now: datetime) -> list[Announcement]:
        """Log and return what is due at ``now``; all in one transaction, so a kill loses nothing."""
        with self.store.atomic():
            last = self.store.get_state(LAST_RUN_KEY)
            since = from_db(last) if last else None
            reminders = self.store.reminders()
            # older entries cannot change a decision (see CATCH_UP_LIMIT)
            events = self.store.events(due_after=now - CATCH_UP_LIMIT - timedelta(days=1))
            planned = due_announcements(reminders, events, now, self.tz, since=since)
            spoken = [a for a in planned if any([self.store.record(e) for e in a.events])]
            newest = now if since is None else max(since, now)
            self.store.set_state(LAST_RUN_KEY, to_db(newest))
        for item in spoken:
            _LOGGER.info("reminder %s %s: %s", item.reminder_id, item.status, item.say)
        return spoken


ACK_EARLY = timedelta(minutes=30)


def outstanding(
    events: list[Event], kinds: dict[str, str] | None = None, now: datetime | None = None
) -> list[tuple[str, datetime]]:
    """Occurrences said but neither acknowledged nor missed: (reminder id, due), oldest first.

    With ``kinds`` (reminder id -> kind) and ``now``, only what still waits for an answer:
    medication doses, and other reminders said within the last hour.
    """
    state: dict[tuple[str, datetime], set[str]] = defaultdict(set)
    said: dict[tuple[str, datetime], datetime] = {}
    for event in events:
        key = (event.reminder_id, event.due)
        state[key].add(event.event)
        if event.event in _PROMPTS:
            said[key] = max(said.get(key, event.at), event.at)
    open_ = [key for key, seen in state.items() if seen & set(_PROMPTS) and not seen & set(_FINAL)]
    if kinds is not None and now is not None:
        open_ = [
            key
            for key in open_
            if key[0] in kinds and (kinds[key[0]] == "medication" or said[key] >= now - ACTIVITY_WINDOW)
        ]
    return sorted(open_, key=lambda key: key[1])


def ack_target(rem: Reminder, events: list[Event], now: datetime, tz: tzinfo) -> datetime | None:
    """Which occurrence an acknowledgement at ``now`` is for (a dose may be confirmed 30 min early).

    The latest occurrence still waiting, else the latest not yet acknowledged, else the latest.
    """
    mine = [e for e in events if e.reminder_id == rem.id]
    waiting = [due for rid, due in outstanding(mine) if due <= now + ACK_EARLY]
    if waiting:
        return waiting[-1]
    recent = occurrences(rem, tz, now - CATCH_UP_LIMIT, now + ACK_EARLY)
    acked = {e.due for e in mine if e.event == "acknowledged"}
    fresh = [due for due in recent if due not in acked]
    if fresh:
        return fresh[-1]
    return recent[-1] if recent else None


def acknowledge(store: Store, reminder_id: str, now: datetime, tz: tzinfo) -> tuple[Event, bool]:
    """Log that a reminder was done; returns the event and whether it was new (not a repeat).

    Raises:
        ReminderError: no such reminder, or nothing of it is due to acknowledge.
    """
    from assistant.errors import ReminderError

    with store.atomic():
        rem = store.get_reminder(reminder_id)
        due = ack_target(rem, store.events([rem.id]), now, tz)
        if due is None:
            raise ReminderError(
                f"reminder {rem.id} ({rem.text!r}) has nothing due by "
                f"{now.astimezone(tz):%Y-%m-%dT%H:%M} to acknowledge"
            )
        event = Event(rem.id, due, "acknowledged", 0, now)
        return event, store.record(event)


def snooze(store: Store, until: datetime, now: datetime) -> list[Event]:
    """Put off every dose now waiting for an answer until ``until``; returns the snoozes logged."""
    logged: list[Event] = []
    with store.atomic():
        events = store.events()
        kinds = {r.id: r.kind for r in store.reminders() if r.kind == "medication"}
        for rid, due in outstanding(events, kinds, now):
            count = sum(1 for e in events if (e.reminder_id, e.due, e.event) == (rid, due, "snoozed"))
            event = Event(rid, due, "snoozed", count, now, until=until)
            if store.record(event):
                logged.append(event)
    return logged
