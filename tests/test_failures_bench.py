"""benchmarks/failures.py: the failing rows behind the benchmark's figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import failures


def test_lists_each_failing_row_with_what_it_needed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    questions = tmp_path / "set.tsv"
    questions.write_text(
        "kind\tquestion\tfacts\n"
        "answer\tWhen can I drive again?\tdrive\n"
        "answer\tHow long before I can lift the shopping?\tfourteen fortnights\n"
        "unknown\tWhat is the capital of Peru?\t\n", encoding="utf-8")
    assert failures.main([str(questions)]) == 0
    out = capsys.readouterr().out
    assert "set.tsv" in out and "answer  50.0%" in out and "unknown 100.0%" in out
    assert "[answer -> answer] line 3: How long before I can lift the shopping?" in out
    assert "needed: fourteen fortnights" in out
    assert "When can I drive" not in out


def test_a_malformed_set_is_one_plain_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.tsv"
    broken.write_text("kind\tquestion\tfacts\nanswer only two\n", encoding="utf-8")
    assert failures.main([str(broken)]) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_a_set_name_is_looked_up_in_tests_data() -> None:
    assert failures.set_path("eval_dev.tsv") == failures.DATA / "eval_dev.tsv"
    assert failures.set_path("/tmp/x/eval.tsv") == Path("/tmp/x/eval.tsv")
