"""Pure schedule decisions: per-kind policies, missed while off, clock jumps, daylight saving."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from assistant.reminders.parse import local_iso
from assistant.reminders.schedule import (
    ack_target,
    due_announcements,
    next_occurrence,
    occurrences,
    outstanding,
    subject,
)
from assistant.reminders.store import Event, Reminder

LONDON = ZoneInfo("Europe/London")
PAINKILLERS = Reminder(
    "1", "Take your painkillers", "medication", datetime(2026, 11, 27, 8, 0), "FREQ=HOURLY;INTERVAL=6"
)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


class Sim:
    """Runs the pure decisions the way the Scheduler does, keeping the log in memory."""

    def __init__(self, *reminders: Reminder) -> None:
        self.reminders = list(reminders)
        self.events: list[Event] = []
        self.since: datetime | None = None

    def _log(self, event: Event) -> None:
        key = (event.reminder_id, event.due, event.event, event.attempt)
        if key not in {(e.reminder_id, e.due, e.event, e.attempt) for e in self.events}:
            self.events.append(replace(event, seq=len(self.events) + 1))

    def tick(self, when: str) -> list[tuple[str, str, str]]:
        now = at(when)
        found = due_announcements(self.reminders, self.events, now, LONDON, since=self.since)
        for item in found:
            for event in item.events:
                self._log(event)
        self.since = now if self.since is None else max(self.since, now)
        return [(item.status, local_iso(item.due, LONDON), item.say) for item in found]

    def ack(self, when: str, rem: Reminder = PAINKILLERS) -> str:
        now = at(when)
        due = ack_target(rem, self.events, now, LONDON)
        assert due is not None
        self._log(Event(rem.id, due, "acknowledged", 0, now))
        return local_iso(due, LONDON)

    def snooze(self, when: str, minutes: int) -> None:
        now = at(when)
        for rid, due in outstanding(self.events):
            self._log(Event(rid, due, "snoozed", 0, now, until=now + timedelta(minutes=minutes)))

    def log(self) -> list[tuple[str, str, int, str]]:
        return [(local_iso(e.due, LONDON), e.event, e.attempt, local_iso(e.at, LONDON)) for e in self.events]


def test_medication_reprompts_three_times_then_missed() -> None:
    sim = Sim(PAINKILLERS)
    said = [sim.tick(f"2026-11-27T08:{m:02d}") for m in range(0, 50, 5)]
    statuses = [s[0][0] if s else None for s in said]
    assert statuses == ["due", None, "reprompt", None, "reprompt", None, "reprompt", None, "missed", None]
    assert said[8][0][2] == "You haven't confirmed your 8 o'clock painkillers."
    assert [e[1:3] for e in sim.log()] == [
        ("announced", 0),
        ("reprompted", 1),
        ("reprompted", 2),
        ("reprompted", 3),
        ("missed", 0),
    ]


def test_acknowledged_dose_is_not_reprompted() -> None:
    sim = Sim(PAINKILLERS)
    assert sim.tick("2026-11-27T08:00")[0][0] == "due"
    assert sim.ack("2026-11-27T08:04") == "2026-11-27T08:00"
    assert sim.tick("2026-11-27T08:10") == []
    assert sim.tick("2026-11-27T09:00") == []


def test_same_time_twice_says_nothing_new() -> None:
    sim = Sim(PAINKILLERS)
    assert len(sim.tick("2026-11-27T08:00")) == 1
    assert sim.tick("2026-11-27T08:00") == []
    assert len(sim.events) == 1


def test_late_tick_skips_to_the_latest_reprompt() -> None:
    sim = Sim(PAINKILLERS)
    sim.tick("2026-11-27T08:00")
    assert [s[0] for s in sim.tick("2026-11-27T08:25")] == ["reprompt"]
    assert [e[2] for e in sim.log()] == [0, 2]  # attempt 1 was skipped, not replayed


def test_snooze_restarts_reprompts_at_the_snooze_time() -> None:
    sim = Sim(PAINKILLERS)
    sim.tick("2026-11-27T08:00")
    sim.snooze("2026-11-27T08:02", 20)
    assert sim.tick("2026-11-27T08:10") == []
    assert [s[0] for s in sim.tick("2026-11-27T08:22")] == ["reprompt"]
    assert [s[0] for s in sim.tick("2026-11-27T08:32")] == ["reprompt"]
    assert [s[0] for s in sim.tick("2026-11-27T08:42")] == ["reprompt"]
    assert [s[0] for s in sim.tick("2026-11-27T08:52")] == ["missed"]


def test_next_dose_closes_an_unconfirmed_one() -> None:
    every_30 = replace(PAINKILLERS, rule="FREQ=MINUTELY;INTERVAL=30")
    sim = Sim(every_30)
    sim.tick("2026-11-27T08:00")
    sim.tick("2026-11-27T08:10")
    said = sim.tick("2026-11-27T08:30")
    assert [(s[0], s[1]) for s in said] == [("missed", "2026-11-27T08:00"), ("due", "2026-11-27T08:30")]


def test_gap_gives_one_summary_line_per_reminder() -> None:
    sim = Sim(PAINKILLERS)
    sim.tick("2026-11-27T08:00")
    sim.ack("2026-11-27T08:01")
    said = sim.tick("2026-11-28T09:00")  # off from 08:01 yesterday until 09:00 today
    assert said == [
        (
            "missed",
            "2026-11-28T08:00",
            "While I was switched off, 4 doses of your painkillers fell due and weren't confirmed;"
            " the last was at 8 o'clock.",
        )
    ]
    assert [e[0] for e in sim.log() if e[1] == "missed"] == [
        "2026-11-27T14:00",
        "2026-11-27T20:00",
        "2026-11-28T02:00",
        "2026-11-28T08:00",
    ]
    assert sim.tick("2026-11-28T09:05") == []


def test_short_gap_lists_the_doses() -> None:
    sim = Sim(PAINKILLERS)
    sim.tick("2026-11-27T08:00")
    sim.ack("2026-11-27T08:01")
    said = sim.tick("2026-11-27T21:00")
    assert said[0][2] == (
        "While I was switched off, your 2 pm and 8 pm painkillers fell due and weren't confirmed."
    )


def test_clock_jump_of_a_week_is_one_line_and_bounded() -> None:
    hourly = replace(PAINKILLERS, rule="FREQ=HOURLY")
    sim = Sim(hourly)
    sim.tick("2026-11-27T08:00")
    said = sim.tick("2026-12-11T08:00")  # two weeks later
    assert [(s[0], s[1]) for s in said] == [("missed", "2026-12-11T07:00"), ("due", "2026-12-11T08:00")]
    assert "167 doses of your painkillers" in said[0][2]
    missed = [e for e in sim.log() if e[1] == "missed"]
    assert 160 <= len(missed) <= 7 * 24 + 1  # only the last 7 days are looked at
    assert sim.tick("2026-12-11T08:00") == []


def test_activity_is_said_once_and_quietly_expires() -> None:
    walk = Reminder("2", "Time for a short walk", "activity", datetime(2026, 11, 27, 11, 30), "FREQ=DAILY")
    sim = Sim(walk)
    assert sim.tick("2026-11-27T11:45") == [("due", "2026-11-27T11:30", "Time for a short walk.")]
    assert sim.tick("2026-11-27T12:00") == []
    assert sim.tick("2026-11-28T13:00") == []  # too late: expires without a word
    assert [e[1] for e in sim.log()] == ["announced"]


def test_appointment_day_before_and_hour_before() -> None:
    visit = Reminder("3", "Check-up at the hospital", "appointment", datetime(2026, 12, 15, 10, 30), None)
    sim = Sim(visit)
    assert sim.tick("2026-12-14T10:00") == []
    assert sim.tick("2026-12-14T10:30") == [
        ("due", "2026-12-15T10:30", "Appointment reminder: Check-up at the hospital, at 10:30 am tomorrow.")
    ]
    assert sim.tick("2026-12-15T09:00") == []
    assert sim.tick("2026-12-15T09:30") == [
        ("due", "2026-12-15T10:30", "Appointment reminder: Check-up at the hospital, at 10:30 am today.")
    ]
    assert sim.tick("2026-12-15T11:00") == []


def test_appointment_missed_while_off_is_mentioned_once() -> None:
    visit = Reminder("3", "Check-up", "appointment", datetime(2026, 12, 15, 10, 30), None)
    sim = Sim(visit)
    sim.tick("2026-12-13T10:00")
    said = sim.tick("2026-12-15T12:00")
    assert said == [
        (
            "missed",
            "2026-12-15T10:30",
            "While I was switched off, you had an"
            " appointment on Tuesday 15 December 2026 at 10:30 am: Check-up.",
        )
    ]
    assert sim.tick("2026-12-15T13:00") == []


def test_daily_eight_stays_eight_across_spring_forward() -> None:
    daily = replace(PAINKILLERS, start_local=datetime(2027, 3, 26, 8, 0), rule="FREQ=DAILY")
    found = occurrences(daily, LONDON, at("2027-03-26T00:00"), at("2027-03-30T00:00"))
    assert [local_iso(t, LONDON) for t in found] == [
        "2027-03-26T08:00",
        "2027-03-27T08:00",
        "2027-03-28T08:00",
        "2027-03-29T08:00",
    ]
    assert [t.hour for t in found] == [8, 8, 7, 7]  # UTC moves, the wall clock does not


def test_daily_eight_stays_eight_across_autumn_back() -> None:
    daily = replace(PAINKILLERS, start_local=datetime(2026, 10, 24, 8, 0), rule="FREQ=DAILY")
    sim = Sim(daily)
    for day in ("2026-10-24", "2026-10-25", "2026-10-26"):
        said = sim.tick(f"{day}T08:00")
        assert [(s[0], s[1]) for s in said] == [("due", f"{day}T08:00")]
        sim.ack(f"{day}T08:01", daily)


def test_next_occurrence_and_until() -> None:
    limited = replace(PAINKILLERS, until_local=datetime(2026, 11, 27, 15, 0))
    assert local_iso(next_occurrence(limited, LONDON, at("2026-11-27T09:00")), LONDON) == (  # type: ignore[arg-type]
        "2026-11-27T14:00"
    )
    assert next_occurrence(limited, LONDON, at("2026-11-27T14:00")) is None


def test_subject_of_reminder_text() -> None:
    assert subject("Take your painkillers") == "painkillers"
    assert subject("Paracetamol 1 g.") == "paracetamol 1 g"
    assert subject("Time for your deep breathing") == "deep breathing"


def test_clock_going_back_still_runs_new_reminders_but_repeats_nothing() -> None:
    sim = Sim(PAINKILLERS)
    sim.tick("2026-11-27T08:00")
    sim.tick("2027-03-28T08:00")  # the clock jumps far ahead, then is put right
    earlier = Reminder("9", "Check-up", "appointment", datetime(2026, 11, 28, 10, 0), None)
    sim.reminders.append(earlier)
    said = sim.tick("2026-11-27T10:00")
    assert [(s[0], s[1]) for s in said] == [
        ("missed", "2026-11-27T08:00"),  # never confirmed
        ("due", "2026-11-28T10:00"),
    ]  # the day before
    assert sim.tick("2026-11-27T10:00") == []
    assert [e for e in sim.log() if e[1] == "announced" and e[0] == "2026-11-27T08:00"] == [
        ("2026-11-27T08:00", "announced", 0, "2026-11-27T08:00")
    ]
