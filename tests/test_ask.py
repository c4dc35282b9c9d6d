"""``run.py ask`` from the command line, exactly as the acceptance checks drive it."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

REQUIRED = {"heard", "kind", "section", "source", "say", "confidence", "timings_ms"}


def json_lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_turns_of_one_conversation(tmp_path: Path) -> None:
    result = run_cli("ask", "--json", "--now", "2026-11-27T08:00",
                     "--text", "when can I carry shopping again?", "--text", "more",
                     "--text", "what's the capital of France", "--text", "my wound is hot and leaking",
                     home=tmp_path)
    assert result.returncode == 0, result.stderr
    turns = json_lines(result.stdout)
    assert [t["kind"] for t in turns] == ["answer", "answer", "unknown", "urgent"]
    for turn in turns:
        assert REQUIRED <= set(turn)
        assert 0.0 <= turn["confidence"] <= 1.0
        assert "match" in turn["timings_ms"]
    assert turns[0]["section"] == "heavy-lifting" and "8 weeks" in turns[0]["say"]
    assert turns[0]["source"] == "Surgery for secondary cancer in the liver"
    assert turns[1]["section"] == "heavy-lifting" and turns[1]["say"] != turns[0]["say"]
    assert turns[2]["section"] is None and "0808 808 00 00" in turns[2]["say"]
    assert "hospital straight away" in turns[3]["say"]


def test_batch_lines_are_independent(tmp_path: Path) -> None:
    batch = tmp_path / "questions.txt"
    batch.write_text("can I have a glass of wine\n\nmore\nI can't breathe\n", encoding="utf-8")
    result = run_cli("ask", "--batch", str(batch), home=tmp_path)
    assert result.returncode == 0, result.stderr
    turns = json_lines(result.stdout)
    assert [t["kind"] for t in turns] == ["answer", "command", "urgent"]
    assert turns[1]["heard"] == "more"  # a fresh conversation has nothing more to read


def test_plain_text_output(tmp_path: Path) -> None:
    result = run_cli("ask", "--text", "can I do the hoovering", home=tmp_path)
    assert result.returncode == 0
    assert "You: can I do the hoovering" in result.stdout
    assert "Assistant:" in result.stdout and "8 weeks" in result.stdout


def test_settings_persist_between_runs(tmp_path: Path) -> None:
    run_cli("ask", "--text", "slower please", "--text", "louder", home=tmp_path)
    settings = json.loads((tmp_path / "settings.json").read_text())
    assert settings["rate"] < 1.0


def test_voice_acknowledgement_is_logged(tmp_path: Path) -> None:
    add = run_cli("reminders", "add", "Take your painkillers", "--at", "2026-11-27T08:00", "--every", "6h",
                  "--kind", "medication", "--json", "--tz", "Europe/London", home=tmp_path)
    assert add.returncode == 0, add.stderr
    reminder_id = json.loads(add.stdout)["id"]
    tick = run_cli("reminders", "tick", "--now", "2026-11-27T08:01", "--tz", "Europe/London", home=tmp_path)
    assert tick.returncode == 0, tick.stderr
    ask = run_cli("ask", "--json", "--now", "2026-11-27T08:05", "--tz", "Europe/London",
                  "--text", "I've taken my painkillers", home=tmp_path)
    assert ask.returncode == 0, ask.stderr
    assert json_lines(ask.stdout)[0]["kind"] in ("reminder", "command")
    log = run_cli("reminders", "log", "--json", "--tz", "Europe/London", home=tmp_path)
    events = json_lines(log.stdout)
    assert any(e["event"] == "acknowledged" and str(e["id"]) == str(reminder_id) for e in events)


def test_bad_input_is_one_plain_line(tmp_path: Path) -> None:
    cases = [
        ("ask",),
        ("ask", "--text", "hello", "--content", str(tmp_path / "no-such-pack")),
        ("ask", "--batch", str(tmp_path / "missing.txt")),
        ("ask", "--text", "hello", "--now", "2026-02-31T08:00"),
        ("ask", "--text", "hello", "--tz", "Mars/Olympus"),
    ]
    for args in cases:
        result = run_cli(*args, home=tmp_path)
        assert result.returncode != 0, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) >= 1 and lines[0].startswith("error:"), (args, result.stderr)
        assert "Traceback" not in result.stderr, args


def test_empty_and_huge_questions_get_spoken_replies(tmp_path: Path) -> None:
    result = run_cli("ask", "--json", "--text", "   ", "--text", "why " * 2500, "--text", "🙂", home=tmp_path)
    assert result.returncode == 0, result.stderr
    kinds = [t["kind"] for t in json_lines(result.stdout)]
    assert kinds[0] == "unknown" and kinds[2] == "unknown"


def test_invalid_content_pack_is_reported(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "sections").mkdir(parents=True)
    (pack / "pack.txt").write_text("id: x\ntitle: X\n", encoding="utf-8")
    (pack / "sections" / "a.txt").write_text("id: a\n\nText.\n", encoding="utf-8")
    result = run_cli("ask", "--text", "hello", "--content", str(pack), home=tmp_path)
    assert result.returncode != 0
    assert "pack.txt:1" in result.stderr and "a.txt" in result.stderr
    assert "Traceback" not in result.stderr
