"""The recovery plan: the operation's date and type, the reminders it implies, and date answers.

What ``run.py plan`` seeds (decided from the leaflet; all marked source "plan", replaced when the
plan is set again). "Home day" is the operation date plus the longest usual hospital stay for
the operation type (keyhole-small 3 days, keyhole-large 5, open 7).

- painkillers: a one-off **note** on the home day at 10:00 asking to confirm doses and times
  with the hospital and have a carer add them as medication reminders. Doses are never invented.
- deep breathing and leg exercises: **activity**, daily at 10:00 and 16:00, until 6 weeks.
- a short walk: **activity**, daily at 11:30, until 3 months ("getting back to normal").
- no heavy lifting, hoovering or gardening: weekly **note** from the home day at 09:00,
  until the operation + 8 weeks, naming that date.
- no alcohol: weekly **note** at 09:00, 3 days after the home day, until 3 months.
- stitches: a one-off **note** at 10 days at 10:00.
- the check-up appointment is NOT seeded: its date comes from the hospital, so the carer adds
  it with ``reminders add ... --kind appointment``; the plan's output says how.

``date_answer`` turns a section's ``from-surgery:`` header ("8 weeks", "4-6 weeks", "3 months",
"10 days") into a personal date; a single number of weeks is a minimum ("At least 8 weeks"),
days, months and ranges are approximate ("About").
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, time, timedelta, tzinfo

from dateutil.relativedelta import relativedelta

from assistant.reminders.parse import say_date
from assistant.reminders.schedule import to_utc
from assistant.reminders.store import Plan, Reminder, Store

_LOGGER = logging.getLogger(__name__)

__all__ = ["Plan", "date_answer", "hospital_stay", "make_plan", "plan_lines", "offset_date"]

SURGERY_TYPES = ("keyhole-small", "keyhole-large", "open")
HOSPITAL_STAY = {"keyhole-small": (2, 3), "keyhole-large": (4, 5), "open": (5, 7)}
_TYPE_WORDS = {
    "keyhole-small": "keyhole surgery for a smaller liver resection",
    "keyhole-large": "keyhole surgery for a bigger liver resection",
    "open": "open surgery",
}
_CONFIRM = "Your specialist will confirm."
_FROM_SURGERY = re.compile(
    r"^\s*(\d+)\s*(?:(?:-|\u2013|to)\s*(\d+)\s*)?(day|week|month)s?\s*$", re.IGNORECASE
)


def hospital_stay(surgery_type: str) -> tuple[int, int]:
    """Usual days in hospital (fewest, most) for an operation type, from the leaflet."""
    return HOSPITAL_STAY[surgery_type]


def offset_date(surgery: date, count: int, unit: str) -> date:
    """The date ``count`` days, weeks or months after the operation."""
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return surgery + timedelta(days=count)
    if unit == "week":
        return surgery + timedelta(weeks=count)
    return surgery + relativedelta(months=count)


def _seeds(surgery: date, surgery_type: str) -> list[Reminder]:
    home = surgery + timedelta(days=hospital_stay(surgery_type)[1])
    lifting_until = surgery + timedelta(weeks=8)
    normal = surgery + relativedelta(months=3)

    def at(day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute))

    def end(day: date) -> datetime:
        return datetime.combine(day, time(23, 59))

    return [
        Reminder(
            "",
            "Painkillers: you will need them for a few weeks. Please check your doses and "
            "times with the hospital, and ask your carer to add them as medication reminders.",
            "note",
            at(home, 10),
            None,
            source="plan",
        ),
        Reminder(
            "",
            "Time for your deep breathing and leg exercises, as your physiotherapist or nurse showed you.",
            "activity",
            at(home, 10),
            "FREQ=DAILY;BYHOUR=10,16;BYMINUTE=0",
            end(surgery + timedelta(weeks=6)),
            source="plan",
        ),
        Reminder(
            "",
            "Time for a short walk, if you feel up to it. You can gradually do more as you recover.",
            "activity",
            at(home, 11, 30),
            "FREQ=DAILY",
            end(normal),
            source="plan",
        ),
        Reminder(
            "",
            "Remember: no heavy lifting, such as shopping or laundry, and no hoovering or "
            f"gardening, until at least {say_date(lifting_until)}. {_CONFIRM}",
            "note",
            at(home, 9),
            "FREQ=WEEKLY",
            end(lifting_until),
            source="plan",
        ),
        Reminder(
            "",
            "Remember: please don't drink alcohol until your liver specialist says you can.",
            "note",
            at(home + timedelta(days=3), 9),
            "FREQ=WEEKLY",
            end(normal),
            source="plan",
        ),
        Reminder(
            "",
            "It is about 10 days since your operation. If your stitches or staples do "
            "not dissolve, a nurse may need to remove them, at home or at your GP surgery.",
            "note",
            at(surgery + timedelta(days=10), 10),
            None,
            source="plan",
        ),
    ]


def make_plan(store: Store, surgery: date, surgery_type: str, tz: tzinfo) -> tuple[Plan, list[Reminder]]:
    """Store the plan and (re)seed its reminders in one transaction; returns both."""
    plan = Plan(surgery, surgery_type)
    with store.atomic():
        for old in store.reminders():
            if old.source == "plan":
                store.remove_reminder(old.id, datetime.now(tz))
        store.save_plan(plan)
        ids = [
            store.add_reminder(seed, to_utc(seed.start_local, tz)) for seed in _seeds(surgery, surgery_type)
        ]
        seeded = [store.get_reminder(i) for i in ids]
    _LOGGER.info("plan saved: %s %s, %d reminders", surgery, surgery_type, len(seeded))
    return plan, seeded


def plan_lines(plan: Plan, seeded: list[Reminder]) -> list[str]:
    """Human-readable summary of a saved plan, for the carer."""
    fewest, most = hospital_stay(plan.surgery_type)
    lines = [
        f"Operation: {_TYPE_WORDS[plan.surgery_type]} on {say_date(plan.surgery_date)}.",
        f"Usual hospital stay: {fewest} to {most} days.",
        f"No heavy lifting until at least {say_date(plan.surgery_date + timedelta(weeks=8))}.",
        f"Added {len(seeded)} reminders:",
    ]
    lines += [f"  {r.id}. [{r.kind}] {r.text}" for r in seeded]
    lines.append(
        "Add the check-up appointment when the hospital gives you a date, for example: "
        'run.py reminders add "Check-up at the hospital" --at 2027-01-05T10:30 '
        "--kind appointment"
    )
    return lines


def date_answer(section_id: str, from_surgery: str | None, plan: Plan | None, now: datetime) -> str | None:
    """A personal date for a leaflet section, or None without a plan or a usable header."""
    if plan is None:
        return None
    if section_id == "going-home":
        return _stay_answer(plan)
    if not from_surgery:
        return None
    match = _FROM_SURGERY.match(from_surgery)
    if not match:
        _LOGGER.warning("section %s: cannot read from-surgery %r", section_id, from_surgery)
        return None
    low, high, unit = int(match.group(1)), match.group(2), match.group(3).lower()
    first = offset_date(plan.surgery_date, low, unit)
    passed = " (that date has now passed)" if first <= now.date() else ""
    if high is not None:
        last = offset_date(plan.surgery_date, int(high), unit)
        return (
            f"About {low} to {high} {unit}s after your operation: between "
            f"{say_date(first)} and {say_date(last)}{passed}. {_CONFIRM}"
        )
    words = f"{low} {unit}" + ("" if low == 1 else "s")
    if unit == "week":
        return f"At least {words} after your operation: not before {say_date(first)}{passed}. {_CONFIRM}"
    return f"About {words} after your operation: around {say_date(first)}{passed}. {_CONFIRM}"


def _stay_answer(plan: Plan) -> str:
    fewest, most = hospital_stay(plan.surgery_type)
    first = plan.surgery_date + timedelta(days=fewest)
    last = plan.surgery_date + timedelta(days=most)
    return (
        f"After {_TYPE_WORDS[plan.surgery_type]}, people usually stay in hospital {fewest} to "
        f"{most} days: for your operation on {say_date(plan.surgery_date)}, that means going "
        f"home between {say_date(first)} and {say_date(last)}. {_CONFIRM}"
    )
