"""Faults: a process killed (-9) at random points, and two processes writing at once."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.reminders.schedule import to_utc
from assistant.reminders.store import Reminder, Store

ROOT = Path(__file__).resolve().parent.parent
LONDON = ZoneInfo("Europe/London")
KILLS = 30

# Ticks every 2 minutes from 06:00 to 03:00 (across the spring-forward night), with
# acknowledgements now and then. Every operation is idempotent, so after a kill the whole
# list is simply run again from the start, as a restarted program would.
DRIVER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta
    from pathlib import Path
    from zoneinfo import ZoneInfo
    from assistant.errors import ReminderError
    from assistant.reminders.schedule import Scheduler, acknowledge
    from assistant.reminders.store import Store

    tz = ZoneInfo("Europe/London")
    store = Store.open(Path(sys.argv[1]))
    scheduler = Scheduler(store, tz)
    now = datetime(2027, 3, 27, 6, 0, tzinfo=tz)
    step = 0
    while now <= datetime(2027, 3, 28, 3, 0, tzinfo=tz):
        scheduler.run_pending(now)
        if step % 41 == 3:
            try:  # the painkillers are confirmed now and then; the other tablets never
                acknowledge(store, "1", now + timedelta(minutes=3), tz)
            except ReminderError:
                pass
        now += timedelta(minutes=2)
        step += 1
    print("finished")
    """
)


def _seed(home: Path) -> None:
    store = Store.open(home)
    seeds = [
        ("Take your painkillers", "medication", "FREQ=HOURLY;INTERVAL=6", 0),
        ("Take your other tablets", "medication", "FREQ=DAILY;BYHOUR=9,21;BYMINUTE=0", 0),
        ("Time for a short walk", "activity", "FREQ=HOURLY;INTERVAL=3", 0),
        ("No heavy lifting", "note", "FREQ=DAILY", 0),
    ]
    # frequent doses at staggered minutes, so that almost every tick writes something
    seeds += [(f"Drops {n}", "medication", "FREQ=MINUTELY;INTERVAL=30", 6 * n) for n in range(4)]
    for text, kind, rule, minute in seeds:
        start = datetime(2027, 3, 27, 8, minute)
        store.add_reminder(Reminder("", text, kind, start, rule), to_utc(start, LONDON))
    store.close()


def _driver(home: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(home)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _log(home: Path) -> list[tuple[object, ...]]:
    store = Store.open(home)
    rows = store.conn.execute(
        "SELECT reminder_id, due_utc, event, attempt, at_utc FROM events ORDER BY seq"
    ).fetchall()
    store.close()
    return [tuple(r) for r in rows]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_killed_at_random_points_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    reference, crashed = tmp_path / "reference", tmp_path / "crashed"
    for home in (reference, crashed):
        home.mkdir()
        _seed(home)
    out, err = _driver(reference).communicate(timeout=120)
    assert out.strip() == "finished", err
    rng = random.Random(20261127)
    finished_early = 0
    for _ in range(KILLS):
        proc = _driver(crashed)
        time.sleep(rng.uniform(0.1, 0.9))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        else:
            finished_early += 1
        proc.communicate(timeout=60)
    out, err = _driver(crashed).communicate(timeout=120)
    assert out.strip() == "finished", err
    expected, got = _log(reference), _log(crashed)
    keys = [row[:4] for row in got]
    assert len(keys) == len(set(keys)), "an event was logged twice"
    assert sorted(map(str, got)) == sorted(map(str, expected)), "an event was lost or changed"
    assert {row[2] for row in expected} >= {"announced", "reprompted", "acknowledged", "missed"}
    assert finished_early <= KILLS // 3  # the kills really did interrupt runs


TICKER = textwrap.dedent(
    """
    import json, sys
    from datetime import datetime, timedelta
    from pathlib import Path
    from zoneinfo import ZoneInfo
    from assistant.reminders.schedule import Scheduler, to_utc
    from assistant.reminders.store import Reminder, Store

    tz = ZoneInfo("Europe/London")
    store = Store.open(Path(sys.argv[1]))
    scheduler = Scheduler(store, tz)
    now = datetime(2027, 1, 1, 7, 55, tzinfo=tz)
    for n in range(20):
        start = datetime(2028, 1, 1, 8, 0)
        store.add_reminder(Reminder("", f"{sys.argv[2]} {n}", "note", start, None),
                           to_utc(start, tz))
        for item in scheduler.run_pending(now):
            print(json.dumps([item.reminder_id, item.status, item.due.isoformat()]))
        now += timedelta(minutes=5)
    """
)


def test_two_processes_writing_at_once(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    for n in range(10):
        start = datetime(2027, 1, 1, 8, 5 * n)
        store.add_reminder(Reminder("", f"Note {n}", "note", start, None), to_utc(start, LONDON))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", TICKER, str(tmp_path), name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("first", "second")
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    said = [tuple(json.loads(line)) for out, _ in outputs for line in out.splitlines()]
    assert len(said) == len(set(said)), "an announcement was spoken by both processes"
    assert sorted(int(x[0]) for x in said) == list(range(1, 11))
    assert set(said) == {(e.reminder_id, "due", e.due.isoformat()) for e in store.events()}
    texts = sorted(r.text for r in store.reminders())
    assert len(texts) == 50 and len(set(texts)) == 50


class _Killed(BaseException):
    """Stands for the process dying at a write."""


def _ops(store: Store) -> None:
    """Ticks every 5 minutes for 4 hours, with an acknowledgement now and then."""
    from datetime import timedelta

    from assistant.errors import ReminderError
    from assistant.reminders.schedule import Scheduler, acknowledge

    scheduler = Scheduler(store, LONDON)
    now = datetime(2027, 3, 27, 7, 55, tzinfo=LONDON)
    for step in range(48):
        scheduler.run_pending(now)
        if step % 9 == 2:
            try:
                acknowledge(store, "1", now + timedelta(minutes=1), LONDON)
            except ReminderError:
                pass
        now += timedelta(minutes=5)


def test_dying_at_any_write_is_recovered_exactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reference = tmp_path / "reference"
    reference.mkdir()
    _seed(reference)
    _ops(Store.open(reference))
    expected = _log(reference)
    real_record, real_state = Store.record, Store.set_state
    writes = {"left": 0}

    def dying(real):  # type: ignore[no-untyped-def]
        def write(self, *args):  # type: ignore[no-untyped-def]
            writes["left"] -= 1
            if writes["left"] < 0:
                raise _Killed()
            return real(self, *args)

        return write

    for point in range(1, len(expected) + 48, 13):  # 48 ticks each write their run time
        home = tmp_path / f"at-{point}"
        home.mkdir()
        _seed(home)
        writes["left"] = point
        monkeypatch.setattr(Store, "record", dying(real_record))
        monkeypatch.setattr(Store, "set_state", dying(real_state))
        with pytest.raises(_Killed):
            _ops(Store.open(home))
        monkeypatch.setattr(Store, "record", real_record)
        monkeypatch.setattr(Store, "set_state", real_state)
        _ops(Store.open(home))
        assert _log(home) == expected, f"interrupted at write {point}"
