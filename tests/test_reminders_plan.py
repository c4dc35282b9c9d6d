"""The recovery plan: seeded reminders and personal date answers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.reminders.plan import Plan, date_answer, hospital_stay, make_plan
from assistant.reminders.store import Store

LONDON = ZoneInfo("Europe/London")
PLAN = Plan(date(2026, 11, 20), "open")
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("section", "from_surgery", "answer"),
    [
        (
            "heavy-lifting",
            "8 weeks",
            "At least 8 weeks after your operation: not before Friday 15 January 2027. "
            "Your specialist will confirm.",
        ),
        (
            "chemotherapy",
            "4-6 weeks",
            "About 4 to 6 weeks after your operation: between Friday 18 December 2026 and "
            "Friday 1 January 2027. Your specialist will confirm.",
        ),
        (
            "back-to-normal",
            "3 months",
            "About 3 months after your operation: around Saturday 20 February 2027. "
            "Your specialist will confirm.",
        ),
        (
            "stitches",
            "10 days",
            "About 10 days after your operation: around Monday 30 November 2026. "
            "Your specialist will confirm.",
        ),
        (
            "recovery",
            "4 to 6 weeks",
            "About 4 to 6 weeks after your operation: between Friday 18 December 2026 and "
            "Friday 1 January 2027. Your specialist will confirm.",
        ),
    ],
)
def test_date_answers(section: str, from_surgery: str, answer: str) -> None:
    assert date_answer(section, from_surgery, PLAN, NOW) == answer


def test_going_home_uses_the_operation_type() -> None:
    assert date_answer("going-home", None, PLAN, NOW) == (
        "After open surgery, people usually stay in hospital 5 to 7 days: for your operation on "
        "Friday 20 November 2026, that means going home between Wednesday 25 November 2026 and "
        "Friday 27 November 2026. Your specialist will confirm."
    )
    assert hospital_stay("keyhole-small") == (2, 3)
    assert hospital_stay("keyhole-large") == (4, 5)
    small = date_answer("going-home", None, Plan(date(2026, 11, 20), "keyhole-small"), NOW)
    assert small is not None and "2 to 3 days" in small and "Monday 23 November 2026" in small


def test_no_plan_or_no_header_gives_none() -> None:
    assert date_answer("heavy-lifting", "8 weeks", None, NOW) is None
    assert date_answer("heavy-lifting", None, PLAN, NOW) is None
    assert date_answer("heavy-lifting", "soon", PLAN, NOW) is None


def test_a_passed_date_says_so() -> None:
    later = datetime(2027, 2, 1, 9, 0, tzinfo=LONDON)
    answer = date_answer("heavy-lifting", "8 weeks", PLAN, later)
    assert answer is not None and "(that date has now passed)" in answer


def test_make_plan_seeds_and_replaces(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    plan, seeded = make_plan(store, date(2026, 11, 20), "open", LONDON)
    assert store.plan() == plan
    kinds = sorted(r.kind for r in seeded)
    assert kinds == ["activity", "activity", "note", "note", "note", "note"]
    texts = " ".join(r.text for r in seeded)
    assert "no heavy lifting" in texts and "Friday 15 January 2027" in texts
    assert "alcohol" in texts and "stitches" in texts and "check your doses" in texts
    assert not any(r.kind == "medication" for r in seeded)  # doses are never invented
    lifting = next(r for r in seeded if "lifting" in r.text)
    assert lifting.rule == "FREQ=WEEKLY" and lifting.until_local == datetime(2027, 1, 15, 23, 59)
    walks = next(r for r in seeded if "walk" in r.text)
    assert walks.start_local == datetime(2026, 11, 27, 11, 30)  # home day after open surgery
    _, again = make_plan(store, date(2026, 12, 1), "keyhole-small", LONDON)
    assert len(store.reminders()) == len(again) == 6
    assert {r.id for r in again}.isdisjoint({r.id for r in seeded})
