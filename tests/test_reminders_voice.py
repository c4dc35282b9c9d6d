"""The patient's spoken replies about reminders, and what never counts as one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.reminders.schedule import Scheduler, to_utc
from assistant.reminders.store import Reminder, Store
from assistant.reminders.voice import (
    PendingReminder,
    VoiceReply,
    handle_reminder_intent,
    pending_notices,
    reminder_intent,
)

LONDON = ZoneInfo("Europe/London")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


@pytest.mark.parametrize(
    ("said", "action"),
    [
        ("done", "acknowledge"),
        ("Done.", "acknowledge"),
        ("all done", "acknowledge"),
        ("I've taken them", "acknowledge"),
        ("I’ve taken them", "acknowledge"),
        ("I have taken them", "acknowledge"),
        ("I've had my tablets", "acknowledge"),
        ("took my painkillers", "acknowledge"),
        ("I took my painkillers", "acknowledge"),
        ("I've just taken my painkillers", "acknowledge"),
        ("I've done my exercises", "acknowledge"),
        ("later", "snooze"),
        ("not now", "snooze"),
        ("remind me in 20 minutes", "snooze"),
        ("remind me in twenty minutes", "snooze"),
        ("what's next?", "next"),
        ("What is next?", "next"),
        ("any reminders?", "next"),
        ("do I have any reminders today", "next"),
        ("when is my next reminder", "next"),
        ("did I take my painkillers today?", "check"),
        ("have I taken my tablets today", "check"),
        ("remind me to do my breathing exercises every two hours", "create"),
        ("remind me to take my tablets at 8", "create"),
        ("cancel the breathing reminder", "cancel"),
    ],
)
def test_reminder_utterances(said: str, action: str) -> None:
    intent = reminder_intent(said)
    assert intent is not None and intent.action == action


@pytest.mark.parametrize(
    "said",
    [
        "when can I take painkillers as tablets?",
        "how long will I need painkillers?",
        "what happens next after the operation?",
        "what will happen next",
        "what's next for my treatment",
        "can I drink alcohol",
        "I had my operation last week",
        "I've had my operation",
        "will I have stitches",
        "when will the stitches be taken out",
        "I took a walk and now my wound hurts",
        "remind me what the leaflet says about driving",
        "is it done by keyhole surgery",
        "what are the side effects",
        "next",
        "yes",
        "no",
        "later on, can I drive?",
    ],
)
def test_leaflet_questions_are_not_reminder_intents(said: str) -> None:
    assert reminder_intent(said) is None


def test_yes_and_no_only_count_with_a_pending_creation() -> None:
    pending = PendingReminder("Do your exercises", "activity", at("2026-11-27T10:00"), None, "x")
    assert reminder_intent("yes", pending).action == "confirm"  # type: ignore[union-attr]
    assert reminder_intent("no thanks", pending).action == "decline"  # type: ignore[union-attr]
    assert reminder_intent("yes") is None


def test_snooze_minutes_and_subjects() -> None:
    assert reminder_intent("remind me in 20 minutes").minutes == 20  # type: ignore[union-attr]
    assert reminder_intent("later").minutes == 10  # type: ignore[union-attr]
    assert reminder_intent("took my painkillers").subject == "painkillers"  # type: ignore[union-attr]


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path)
    start = datetime(2026, 11, 27, 8, 0)
    opened.add_reminder(
        Reminder("", "Take your painkillers", "medication", start, "FREQ=HOURLY;INTERVAL=6"),
        to_utc(start, LONDON),
    )
    return opened


def _say(store: Store, when: str, text: str, pending: PendingReminder | None = None) -> VoiceReply:
    intent = reminder_intent(text, pending)
    assert intent is not None, text
    return handle_reminder_intent(intent, store, at(when), LONDON, pending)


def test_acknowledging_by_voice_is_logged(store: Store) -> None:
    Scheduler(store, LONDON).run_pending(at("2026-11-27T08:00"))
    reply = _say(store, "2026-11-27T08:05", "I've taken my painkillers")
    assert reply == VoiceReply(
        "Thank you. I've noted your 8 o'clock painkillers as done, at 8:05 am.", "reminder", "1"
    )
    assert [e.event for e in store.events()] == ["announced", "acknowledged"]
    assert Scheduler(store, LONDON).run_pending(at("2026-11-27T08:10")) == []
    again = _say(store, "2026-11-27T08:06", "done")
    assert [e.event for e in store.events()] == ["announced", "acknowledged"]
    assert again.say.startswith("Thank you.")


def test_snooze_by_voice(store: Store) -> None:
    scheduler = Scheduler(store, LONDON)
    scheduler.run_pending(at("2026-11-27T08:00"))
    reply = _say(store, "2026-11-27T08:02", "remind me in 20 minutes")
    assert reply.say == "All right, I'll remind you again at 8:22 am."
    assert scheduler.run_pending(at("2026-11-27T08:10")) == []
    assert [a.status for a in scheduler.run_pending(at("2026-11-27T08:22"))] == ["reprompt"]
    assert [a.status for a in scheduler.run_pending(at("2026-11-27T08:52"))] == ["missed"]
    nothing = _say(store, "2026-11-27T09:30", "later")
    assert nothing.say == "There's no reminder waiting just now."


def test_did_i_take_answers_from_the_log(store: Store) -> None:
    assert _say(store, "2026-11-27T07:00", "did I take my painkillers today?").say == (
        "No, I have no record of you taking your painkillers today."
    )
    Scheduler(store, LONDON).run_pending(at("2026-11-27T08:00"))
    _say(store, "2026-11-27T08:05", "done")
    assert _say(store, "2026-11-27T15:00", "did I take my painkillers today?").say == (
        "Yes: you confirmed your painkillers today at 8:05 am."
    )


def test_create_is_restated_then_saved_with_how_to_cancel(store: Store) -> None:
    asked = _say(store, "2026-11-27T08:00", "remind me to do my breathing exercises every two hours")
    assert asked.say == (
        "I'll remind you to do your breathing exercises every 2 hours, starting "
        "at 10:00. Say yes to save it, or no to cancel."
    )
    assert asked.pending is not None and len(store.reminders()) == 1
    saved = _say(store, "2026-11-27T08:00", "yes", asked.pending)
    assert saved.reminder_id is not None
    assert "cancel the breathing exercises reminder" in saved.say
    new = store.get_reminder(saved.reminder_id)
    assert (new.text, new.kind, new.rule, new.source) == (
        "Do your breathing exercises",
        "activity",
        "FREQ=HOURLY;INTERVAL=2",
        "voice",
    )
    cancelled = _say(store, "2026-11-27T09:00", "cancel the breathing reminder")
    assert cancelled.say == "I've cancelled the reminder: Do your breathing exercises."
    assert len(store.reminders()) == 1


def test_declined_creation_is_not_saved(store: Store) -> None:
    asked = _say(store, "2026-11-27T09:00", "remind me to take my tablets at 8")
    assert asked.say == (
        "I'll remind you to take your tablets at 8:00 pm today. Say yes to save it, or no to cancel."
    )
    assert _say(store, "2026-11-27T09:00", "no", asked.pending).say == "All right, I haven't saved it."
    assert len(store.reminders()) == 1


def test_create_without_a_time_asks_when(store: Store) -> None:
    reply = _say(store, "2026-11-27T09:00", "remind me to call my daughter")
    assert reply.pending is None and reply.say.startswith("When should I remind you?")
    zero = _say(store, "2026-11-27T09:00", "remind me to walk every 0 minutes")
    assert zero.pending is None and "at least 1" in zero.say


def test_carer_medication_cannot_be_cancelled_by_voice(store: Store) -> None:
    reply = _say(store, "2026-11-27T09:00", "cancel the painkillers reminder")
    assert reply.say == "Your carer set that reminder, so please ask them to change it."
    assert len(store.reminders()) == 1


def test_whats_next(store: Store) -> None:
    reply = _say(store, "2026-11-27T09:00", "what's next?")
    assert reply.say == "Next: Take your painkillers, at 2:00 pm today."


def test_missed_dose_is_mentioned_once(store: Store) -> None:
    scheduler = Scheduler(store, LONDON)
    for minute in ("00", "10", "20", "30", "40"):
        scheduler.run_pending(at(f"2026-11-27T08:{minute}"))
    assert pending_notices(store, at("2026-11-27T09:00"), LONDON) == [
        "You haven't confirmed your 8 o'clock painkillers."
    ]
    assert pending_notices(store, at("2026-11-27T09:01"), LONDON) == []


def test_done_only_answers_what_is_still_waiting(store: Store) -> None:
    walk_start = datetime(2026, 11, 27, 11, 30)
    store.add_reminder(
        Reminder("", "Time for a short walk", "activity", walk_start, "FREQ=DAILY"),
        to_utc(walk_start, LONDON),
    )
    scheduler = Scheduler(store, LONDON)
    scheduler.run_pending(at("2026-11-27T11:30"))  # the walk is said
    assert _say(store, "2026-11-27T11:50", "I've done my exercises").say.startswith(
        "Thank you. There's no reminder"
    )  # not about the walk
    done = _say(store, "2026-11-27T11:55", "done")
    assert done.reminder_id == "2"
    scheduler.run_pending(at("2026-11-28T11:30"))
    late = _say(store, "2026-11-28T14:00", "done")  # the walk was said hours ago
    assert late.reminder_id is None or late.reminder_id == "1"
    assert _say(store, "2026-11-28T14:00", "later").say == "There's no reminder waiting just now."
