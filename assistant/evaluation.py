"""Judge the assistant on an evaluation file (tests/data/eval_*.tsv): the figures the benchmark prints."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from assistant.dialogue import Dialogue, Reply
from assistant.errors import ConfigError
from assistant.normalise import spelt_out

KINDS = ("answer", "unknown", "urgent")


@dataclass(frozen=True)
class EvalRow:
    """One evaluation question with what a correct reply must do."""

    kind: str
    question: str
    facts: tuple[tuple[str, ...], ...]
    """Each fact is a tuple of alternatives; the reply must contain one of each."""
    line: int


@dataclass
class EvalResult:
    """Counts and timings from one evaluation run."""

    rows: int = 0
    answer_total: int = 0
    answer_correct: int = 0
    clarified: int = 0
    unknown_total: int = 0
    unknown_correct: int = 0
    predicted_unknown: int = 0
    urgent_total: int = 0
    urgent_correct: int = 0
    false_urgent: int = 0
    ms: list[float] = field(default_factory=list)
    answered: list[tuple[float, bool]] = field(default_factory=list)
    """(confidence, was it right) for every reply of kind answer."""
    failures: list[tuple[EvalRow, Reply]] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """Accuracy and rates as fractions, and timings in milliseconds."""
        def rate(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        ms = sorted(self.ms) or [0.0]
        return {
            "questions": self.rows,
            "answer_accuracy": rate(self.answer_correct, self.answer_total),
            "clarify_rate": rate(self.clarified, self.answer_total),
            "unknown_recall": rate(self.unknown_correct, self.unknown_total),
            "unknown_precision": rate(self.unknown_correct, self.predicted_unknown),
            "urgent_recall": rate(self.urgent_correct, self.urgent_total),
            "false_urgent": self.false_urgent,
            "answer_calibration_error": round(calibration_error(self.answered), 3),
            "ms_per_question_p50": round(statistics.median(ms), 2),
            "ms_per_question_p95": round(ms[int(0.95 * (len(ms) - 1))], 2),
        }


def load_eval(path: Path) -> list[EvalRow]:
    """Read an evaluation TSV file.

    Raises:
        ConfigError: the file is missing or a line is malformed (named by line number).
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise ConfigError(f"cannot read evaluation file {path}: {err.strerror}") from err
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[0] not in KINDS:
            raise ConfigError(f"{path}:{number}: expected kind<TAB>question<TAB>facts")
        facts = tuple(tuple(a.strip() for a in f.split("|") if a.strip())
                      for f in parts[2].split(";") if f.strip())
        rows.append(EvalRow(parts[0], parts[1], facts, number))
    return rows


def carries_facts(say: str, facts: tuple[tuple[str, ...], ...]) -> bool:
    """True if the spoken text holds one alternative of every required fact.

    Both sides have their contractions spelt out: a fact written "don't drink" is carried by
    "Do not drink alcohol". Nothing else is loosened (session 10: this judged 0.2 points more of
    the read sets' answers right; the figures before it are in tests/data/EVAL.md).
    """
    text = spelt_out(say)
    return all(any(spelt_out(alt) in text for alt in fact) for fact in facts)


def evaluate(rows: list[EvalRow], new_dialogue: Callable[[], Dialogue], now: datetime) -> EvalResult:
    """Ask every row as the first turn of a fresh conversation and judge the reply."""
    result = EvalResult()
    for row in rows:
        dialogue = new_dialogue()
        start = time.perf_counter()
        reply = dialogue.respond(row.question, now)
        result.ms.append((time.perf_counter() - start) * 1000)
        result.rows += 1
        ok = _judge(row, reply, result)
        if not ok:
            result.failures.append((row, reply))
    return result


def calibration_error(pairs: list[tuple[float, bool]], bins: int = 5) -> float:
    """Expected calibration error: how far stated confidence is from the share actually right."""
    if not pairs:
        return 0.0
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in pairs if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if inside:
            mean_conf = sum(c for c, _ in inside) / len(inside)
            accuracy = sum(ok for _, ok in inside) / len(inside)
            total += len(inside) / len(pairs) * abs(mean_conf - accuracy)
    return total


def _judge(row: EvalRow, reply: Reply, result: EvalResult) -> bool:
    if reply.kind == "answer":
        right = row.kind == "answer" and carries_facts(reply.say, row.facts)
        result.answered.append((reply.confidence, right))
    if reply.kind == "unknown":
        result.predicted_unknown += 1
    if reply.kind == "urgent" and row.kind != "urgent":
        result.false_urgent += 1
    if row.kind == "answer":
        result.answer_total += 1
        result.clarified += reply.kind == "clarify"
        ok = reply.kind in ("answer", "urgent") and carries_facts(reply.say, row.facts)
        result.answer_correct += ok
        return ok
    if row.kind == "unknown":
        result.unknown_total += 1
        ok = reply.kind == "unknown"
        result.unknown_correct += ok
        return ok
    result.urgent_total += 1
    ok = reply.kind == "urgent"
    result.urgent_correct += ok
    return ok
