"""The carers' command line, run as a user would: ``python run.py reminders ...``."""

from __future__ import annotations

import csv
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parent.parent / "run.py"


def run(
    home: Path, *args: str, ok: bool = True, tz: str = "Europe/London"
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TZ": tz, "ASSISTANT_NO_VENV_REEXEC": "1"}
    env.pop("ASSISTANT_HOME", None)
    done = subprocess.run(
        [sys.executable, str(RUN), *args, "--home", str(home)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    if ok:
        assert done.returncode == 0, done.stderr
    return done


def lines(done: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def test_add_tick_ack_log_round_trip(tmp_path: Path) -> None:
    added = lines(
        run(
            tmp_path,
            "reminders",
            "add",
            "Take your painkillers",
            "--at",
            "2027-03-27T08:00",
            "--every",
            "6h",
            "--kind",
            "medication",
            "--json",
        )
    )
    assert len(added) == 1
    rid = added[0]["id"]
    assert isinstance(rid, str) and added[0]["kind"] == "medication"
    first = lines(run(tmp_path, "reminders", "tick", "--now", "2027-03-27T08:00", "--json"))
    assert first == [
        {
            "id": rid,
            "kind": "medication",
            "say": "Reminder: Take your painkillers. Say done when you have.",
            "due": "2027-03-27T08:00",
            "status": "due",
        }
    ]
    assert lines(run(tmp_path, "reminders", "tick", "--now", "2027-03-27T08:00", "--json")) == []
    acked = run(tmp_path, "reminders", "ack", rid, "--now", "2027-03-27T08:05")
    assert acked.stdout.strip() == "Acknowledged reminder 1 (due Saturday 27 March 2027 at 8:00 am)."
    run(tmp_path, "reminders", "ack", rid, "--now", "2027-03-27T08:06")  # a repeat is harmless
    # across the spring-forward night: 14:00, 20:00 and 02:00 fall due while off
    later = lines(run(tmp_path, "reminders", "tick", "--now", "2027-03-28T08:00", "--json"))
    assert [(x["status"], x["due"]) for x in later] == [
        ("missed", "2027-03-28T02:00"),
        ("due", "2027-03-28T08:00"),
    ]
    log = lines(run(tmp_path, "reminders", "log", "--json"))
    assert [(x["event"], x["due"], x["at"]) for x in log] == [
        ("announced", "2027-03-27T08:00", "2027-03-27T08:00"),
        ("acknowledged", "2027-03-27T08:00", "2027-03-27T08:05"),
        ("missed", "2027-03-27T14:00", "2027-03-28T08:00"),
        ("missed", "2027-03-27T20:00", "2027-03-28T08:00"),
        ("missed", "2027-03-28T02:00", "2027-03-28T08:00"),
        ("announced", "2027-03-28T08:00", "2027-03-28T08:00"),
    ]
    assert all(x["id"] == rid for x in log)


def test_csv_export_and_human_output(tmp_path: Path) -> None:
    tricky = "=HYPERLINK(\"x\"); DROP TABLE events;-- 'quoted'"
    run(
        tmp_path,
        "reminders",
        "add",
        tricky,
        "--at",
        "2027-01-15T08:00",
        "--every",
        "daily",
        "--kind",
        "medication",
    )
    run(tmp_path, "reminders", "tick", "--now", "2027-01-15T08:00")
    listed = run(tmp_path, "reminders", "list").stdout
    assert "every day, from Friday 15 January 2027 at 8:00 am" in listed
    assert lines(run(tmp_path, "reminders", "list", "--json"))[0]["text"] == tricky
    out = tmp_path / "log.csv"
    run(tmp_path, "reminders", "log", "--csv", str(out))
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["time", "event", "reminder id"]
    assert rows[1][1] == "announced" and rows[1][4] == "'" + tricky  # not run as a formula
    stdout_csv = run(tmp_path, "reminders", "log", "--csv", "-").stdout
    assert stdout_csv.splitlines()[0].startswith("time,event")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "2027-02-31T08:00"], "day is out of range for month"),
        (["--at", "2020-01-01T08:00"], "is in the past"),
        (["--at", "2027-01-01T08:00", "--every", "0m"], "at least 1 minute"),
        (["--at", "2027-01-01T08:00", "--every", "sometimes"], "expected 30m, 6h, daily"),
        (["--at", "2027-01-01T08:00", "--until", "2026-12-01T08:00", "--every", "daily"], "before --at"),
        (["--at", "2027-01-01T08:00", "--tz", "Nowhere/Town"], "unknown time zone"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    done = run(tmp_path, "reminders", "add", "Take them", *args, ok=False)
    assert done.returncode == 2
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_huge_text_unknown_kind_and_unknown_id(tmp_path: Path) -> None:
    huge = run(tmp_path, "reminders", "add", "x" * 100_000, "--at", "2027-01-01T08:00", ok=False)
    assert huge.returncode == 2 and "the limit is 500" in huge.stderr
    kind = run(tmp_path, "reminders", "add", "x", "--at", "2027-01-01T08:00", "--kind", "pill", ok=False)
    assert kind.returncode == 2 and "invalid choice: 'pill'" in kind.stderr
    gone = run(tmp_path, "reminders", "remove", "42", ok=False)
    assert gone.returncode == 2 and "no reminder with id '42'" in gone.stderr


def test_read_only_database(tmp_path: Path) -> None:
    run(tmp_path, "reminders", "list")
    db = tmp_path / "reminders.sqlite3"
    os.chmod(db, stat.S_IRUSR)
    try:
        done = run(tmp_path, "reminders", "tick", "--now", "2027-01-01T08:00", ok=False)
    finally:
        os.chmod(db, stat.S_IRUSR | stat.S_IWUSR)
    assert done.returncode == 2 and "is read-only" in done.stderr


def test_plan_then_remove(tmp_path: Path) -> None:
    text = run(tmp_path, "plan", "--surgery-date", "2026-11-20", "--surgery-type", "open").stdout
    assert "No heavy lifting until at least Friday 15 January 2027." in text
    plan = lines(run(tmp_path, "plan", "--surgery-date", "2026-11-20", "--surgery-type", "open", "--json"))[0]
    assert plan["surgery_type"] == "open" and len(plan["reminders"]) == 6  # type: ignore[arg-type]
    listed = lines(run(tmp_path, "reminders", "list", "--json"))
    assert len(listed) == 6
    removed = run(tmp_path, "reminders", "remove", str(listed[0]["id"]))
    assert removed.stdout.startswith("Removed reminder")
    assert len(lines(run(tmp_path, "reminders", "list", "--json"))) == 5
    bad = run(tmp_path, "plan", "--surgery-date", "2026-02-31", "--surgery-type", "open", ok=False)
    assert bad.returncode == 2 and "not a real date" in bad.stderr


def test_until_a_date_means_the_end_of_that_day(tmp_path: Path) -> None:
    added = lines(
        run(
            tmp_path,
            "reminders",
            "add",
            "Walk",
            "--at",
            "2027-01-01T20:00",
            "--every",
            "daily",
            "--until",
            "2027-01-03",
            "--kind",
            "activity",
            "--json",
        )
    )
    assert added[0]["until"] == "2027-01-03T23:59"
    said = lines(run(tmp_path, "reminders", "tick", "--now", "2027-01-03T20:00", "--json"))
    assert [x["due"] for x in said] == ["2027-01-03T20:00"]
    assert lines(run(tmp_path, "reminders", "tick", "--now", "2027-01-04T20:00", "--json")) == []
