"""The scripted scenario from the issue, on a fake clock.

Plan an operation, add painkillers every 6 hours, tick through a day with and without
acknowledgements, switch off across the autumn daylight-saving change, restart, and check
exactly what is said, what is logged and the personal date answers.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from assistant.reminders.parse import local_iso
from assistant.reminders.plan import date_answer, make_plan
from assistant.reminders.schedule import Scheduler, acknowledge, to_utc
from assistant.reminders.store import Reminder, Store
from assistant.reminders.voice import handle_reminder_intent, pending_notices, reminder_intent

LONDON = ZoneInfo("Europe/London")
DOSE = "Reminder: Take your painkillers. Say done when you have."
AGAIN = "Reminder again: Take your painkillers. Say done when you have."
BREATHE = "Time for your deep breathing and leg exercises, as your physiotherapist or nurse showed you."
WALK = "Time for a short walk, if you feel up to it. You can gradually do more as you recover."
ALCOHOL = "Remember: please don't drink alcohol until your liver specialist says you can."

DAY_ONE = [
    ("2026-10-23T07:00", "5", "due", "2026-10-22T09:00", ALCOHOL),  # said within its 24 hours
    ("2026-10-23T08:00", "7", "due", "2026-10-23T08:00", DOSE),
    (
        "2026-10-23T08:05",
        "I've taken my painkillers",
        "Thank you. I've noted your 8 o'clock painkillers as done, at 8:05 am.",
    ),
    ("2026-10-23T10:00", "2", "due", "2026-10-23T10:00", BREATHE),
    ("2026-10-23T11:30", "3", "due", "2026-10-23T11:30", WALK),
    ("2026-10-23T14:00", "7", "due", "2026-10-23T14:00", DOSE),
    ("2026-10-23T14:10", "7", "reprompt", "2026-10-23T14:00", AGAIN),
    ("2026-10-23T14:20", "7", "reprompt", "2026-10-23T14:00", AGAIN),
    ("2026-10-23T14:25", "done", "Thank you. I've noted your 2 pm painkillers as done, at 2:25 pm."),
    (
        "2026-10-23T15:00",
        "did I take my painkillers today?",
        "Yes: you confirmed your painkillers today at 8:05 am and 2:25 pm.",
    ),
    ("2026-10-23T16:00", "2", "due", "2026-10-23T16:00", BREATHE),
    ("2026-10-23T20:00", "7", "due", "2026-10-23T20:00", DOSE),
    ("2026-10-23T20:10", "7", "reprompt", "2026-10-23T20:00", AGAIN),
    ("2026-10-23T20:20", "7", "reprompt", "2026-10-23T20:00", AGAIN),
    ("2026-10-23T20:30", "7", "reprompt", "2026-10-23T20:00", AGAIN),
    ("2026-10-23T20:40", "7", "missed", "2026-10-23T20:00", "You haven't confirmed your 8 pm painkillers."),
]

# Off from 23:50 on Friday until 09:00 on Sunday; the clocks went back at 02:00 on Sunday.
DAY_THREE = [
    (
        "2026-10-25T09:00",
        "7",
        "missed",
        "2026-10-25T08:00",
        "While I was switched off, 6 doses of your painkillers fell due and weren't confirmed; "
        "the last was at 8 o'clock.",
    ),
    ("2026-10-25T10:00", "2", "due", "2026-10-25T10:00", BREATHE),
    ("2026-10-25T11:30", "3", "due", "2026-10-25T11:30", WALK),
    ("2026-10-25T14:00", "7", "due", "2026-10-25T14:00", DOSE),
    ("2026-10-25T16:00", "2", "due", "2026-10-25T16:00", BREATHE),
    ("2026-10-25T20:00", "7", "due", "2026-10-25T20:00", DOSE),
    ("2026-10-25T20:10", "7", "reprompt", "2026-10-25T20:00", AGAIN),
    ("2026-10-25T20:20", "7", "reprompt", "2026-10-25T20:00", AGAIN),
    ("2026-10-25T20:30", "7", "reprompt", "2026-10-25T20:00", AGAIN),
    ("2026-10-25T20:40", "7", "missed", "2026-10-25T20:00", "You haven't confirmed your 8 pm painkillers."),
]

PAINKILLER_LOG = [  # (due, event, attempt, at) for the painkillers, in the order written
    ("2026-10-23T08:00", "announced", 0, "2026-10-23T08:00"),
    ("2026-10-23T08:00", "acknowledged", 0, "2026-10-23T08:05"),
    ("2026-10-23T14:00", "announced", 0, "2026-10-23T14:00"),
    ("2026-10-23T14:00", "reprompted", 1, "2026-10-23T14:10"),
    ("2026-10-23T14:00", "reprompted", 2, "2026-10-23T14:20"),
    ("2026-10-23T14:00", "acknowledged", 0, "2026-10-23T14:25"),
    ("2026-10-23T20:00", "announced", 0, "2026-10-23T20:00"),
    ("2026-10-23T20:00", "reprompted", 1, "2026-10-23T20:10"),
    ("2026-10-23T20:00", "reprompted", 2, "2026-10-23T20:20"),
    ("2026-10-23T20:00", "reprompted", 3, "2026-10-23T20:30"),
    ("2026-10-23T20:00", "missed", 0, "2026-10-23T20:40"),
    ("2026-10-24T02:00", "missed", 0, "2026-10-25T09:00"),
    ("2026-10-24T08:00", "missed", 0, "2026-10-25T09:00"),
    ("2026-10-24T14:00", "missed", 0, "2026-10-25T09:00"),
    ("2026-10-24T20:00", "missed", 0, "2026-10-25T09:00"),
    ("2026-10-25T02:00", "missed", 0, "2026-10-25T09:00"),
    ("2026-10-25T08:00", "missed", 0, "2026-10-25T09:00"),
    ("2026-10-25T14:00", "announced", 0, "2026-10-25T14:00"),
    ("2026-10-25T14:00", "acknowledged", 0, "2026-10-25T14:05"),
    ("2026-10-25T20:00", "announced", 0, "2026-10-25T20:00"),
    ("2026-10-25T20:00", "reprompted", 1, "2026-10-25T20:10"),
    ("2026-10-25T20:00", "reprompted", 2, "2026-10-25T20:20"),
    ("2026-10-25T20:00", "reprompted", 3, "2026-10-25T20:30"),
    ("2026-10-25T20:00", "missed", 0, "2026-10-25T20:40"),
]

VOICE = {
    "2026-10-23T08:05": "I've taken my painkillers",
    "2026-10-23T14:25": "done",
    "2026-10-23T15:00": "did I take my painkillers today?",
}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


def _run_day(store: Store, first: str, last: str) -> list[tuple[str, ...]]:
    """Tick every 10 minutes; the patient speaks at the times in VOICE."""
    scheduler = Scheduler(store, LONDON)
    heard: list[tuple[str, ...]] = []
    now = at(first)
    while now <= at(last):
        for item in scheduler.run_pending(now):
            heard.append(
                (local_iso(now, LONDON), item.reminder_id, item.status, local_iso(item.due, LONDON), item.say)
            )
        for offset in range(10):
            moment = local_iso(now + timedelta(minutes=offset), LONDON)
            if moment in VOICE:
                intent = reminder_intent(VOICE[moment])
                assert intent is not None
                reply = handle_reminder_intent(intent, store, at(moment), LONDON)
                heard.append((moment, VOICE[moment], reply.say))
        if local_iso(now, LONDON) == "2026-10-25T14:00":
            acknowledge(store, "7", at("2026-10-25T14:05"), LONDON)  # the carer's `reminders ack`
        now += timedelta(minutes=10)
    return heard


def test_the_scripted_recovery_scenario(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    plan, seeded = make_plan(store, date(2026, 10, 14), "keyhole-large", LONDON)
    assert [r.id for r in seeded] == ["1", "2", "3", "4", "5", "6"]
    start = datetime(2026, 10, 23, 8, 0)
    pills = Reminder("", "Take your painkillers", "medication", start, "FREQ=HOURLY;INTERVAL=6")
    assert store.add_reminder(pills, to_utc(start, LONDON)) == "7"

    assert _run_day(store, "2026-10-23T07:00", "2026-10-23T23:50") == DAY_ONE
    assert _run_day(store, "2026-10-23T23:50", "2026-10-23T23:50") == []  # same time: nothing new

    store.close()
    store = Store.open(tmp_path)  # the program restarts after the gap
    heard = _run_day(store, "2026-10-25T09:00", "2026-10-25T21:00")
    assert heard == DAY_THREE
    assert pending_notices(store, at("2026-10-25T21:05"), LONDON) == [
        "You haven't confirmed 8 doses of your painkillers; the last was at 8 pm."
    ]
    assert pending_notices(store, at("2026-10-25T21:06"), LONDON) == []  # each is said once

    log = [
        (local_iso(e.due, LONDON), e.event, e.attempt, local_iso(e.at, LONDON)) for e in store.events(["7"])
    ]
    assert log == PAINKILLER_LOG
    # the wall clock stayed at 14:00 while UTC moved by an hour
    due_utc = [e.due.hour for e in store.events(["7"]) if e.event == "announced"]
    assert due_utc[1] == 13 and due_utc[3] == 14

    now = at("2026-10-25T21:10")
    answers = {
        "heavy-lifting": date_answer("heavy-lifting", "8 weeks", plan, now),
        "chemotherapy": date_answer("chemotherapy", "4-6 weeks", plan, now),
        "back-to-normal": date_answer("back-to-normal", "3 months", plan, now),
        "going-home": date_answer("going-home", None, plan, now),
    }
    assert answers == {
        "heavy-lifting": "At least 8 weeks after your operation: not before Wednesday 9 December"
        " 2026. Your specialist will confirm.",
        "chemotherapy": "About 4 to 6 weeks after your operation: between Wednesday 11 November"
        " 2026 and Wednesday 25 November 2026. Your specialist will confirm.",
        "back-to-normal": "About 3 months after your operation: around Thursday 14 January 2027."
        " Your specialist will confirm.",
        "going-home": "After keyhole surgery for a bigger liver resection, people usually stay in"
        " hospital 4 to 5 days: for your operation on Wednesday 14 October 2026, that means going"
        " home between Sunday 18 October 2026 and Monday 19 October 2026. Your specialist will"
        " confirm.",
    }
