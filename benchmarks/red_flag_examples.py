"""Write assistant/data/red_flag_examples.tsv from the evaluation sets in tests/data.

Every urgent row is a red-flag description; of the answer and out-of-scope rows, those whose
meaning comes near some red-flag description (cosine >= CALM_NEAR) are kept as ordinary questions:
only they can be the nearer neighbour of a question that is close to a red flag. With each set left
out in turn, keeping only these (1,000 of 3,849) changed no figure and embeds four times faster.

Run: python -m benchmarks.red_flag_examples   (about half a minute; the embeddings are not cached)
Only after a new blind set has been measured and has joined tests/data: before, its urgent rows
would be found by themselves (tests/data/EVAL.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

from assistant.embeddings import Embedder
from assistant.evaluation import load_eval
from assistant.normalise import clean
from assistant.red_flags import EXAMPLES

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
CALM_NEAR = 0.45
HEADER = """\
# Red-flag descriptions (urgent) and the ordinary questions nearest them (calm), for assistant/red_flags.py.
# Written by `python -m benchmarks.red_flag_examples` from the evaluation sets in tests/data: do not edit by hand.
"""


def examples(data: Path = DATA) -> tuple[list[str], list[str]]:
    """Unique urgent questions and the calm questions near them, in file order."""
    urgent: dict[str, None] = {}
    others: dict[str, None] = {}
    for path in sorted(data.glob("eval_*.tsv")):
        for row in load_eval(path):
            (urgent if row.kind == "urgent" else others)[" ".join(row.question.split())] = None
    calm = [q for q in others if q not in urgent]
    embedder = Embedder.load()
    u = embedder.encode([clean(q) for q in urgent])
    c = embedder.encode([clean(q) for q in calm])
    near = (c @ u.T).max(axis=1)
    return list(urgent), [q for q, n in zip(calm, near, strict=True) if n >= CALM_NEAR]


def main() -> int:
    urgent, calm = examples()
    lines = [f"urgent\t{q}" for q in urgent] + [f"calm\t{q}" for q in calm]
    EXAMPLES.parent.mkdir(parents=True, exist_ok=True)
    EXAMPLES.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{EXAMPLES}: {len(urgent)} urgent, {len(calm)} calm", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

