"""Which questions the shipped matcher gets wrong: per-set figures and every failing row with its reply.

    python -m benchmarks.failures                      # every set in benchmarks/matcher.py, written pack
    python -m benchmarks.failures --imported eval_fresh_af.tsv
    python -m benchmarks.failures --content DIR /tmp/new_set.tsv --brief

A set is a file name under tests/data or a path. The figures are those of `run.py bench --only
matcher` for the shipped matcher; this adds the rows behind them, for reading a set after its
sealed measurement (tests/data/EVAL.md).
"""

from __future__ import annotations

import argparse
import os
import sys
from functools import partial
from pathlib import Path

from assistant.app import cache_dir, content_folders
from assistant.content import Library, load_library
from assistant.embeddings import Embedder
from assistant.errors import AssistantError
from assistant.evaluation import EvalResult, evaluate, load_eval
from assistant.matcher import DEFAULT_WEIGHTS, Matcher
from benchmarks.matcher import DATA, NOW, SETS, imported_seed_library, new_dialogue


def set_path(name: str) -> Path:
    """A set named as in benchmarks/matcher.py (a file in tests/data) or given as a path."""
    path = Path(name)
    return path if path.exists() or path.parent != Path() else DATA / name


def describe(result: EvalResult, reply_chars: int = 200) -> list[str]:
    """One block per failing row: what was asked, what it needed, what came back."""
    lines = []
    for row, reply in result.failures:
        needed = "; ".join("|".join(fact) for fact in row.facts)
        lines.append(f"  [{row.kind} -> {reply.kind}] line {row.line}: {row.question}")
        if needed:
            lines.append(f"      needed: {needed}")
        where = f" ({reply.section})" if reply.section else ""
        lines.append(f"      said{where}: {reply.say[:reply_chars]}")
    return lines


def summary(name: str, f: dict[str, float]) -> str:
    """One line of a set's figures (``EvalResult.figures()``)."""
    return (f"{name:26s} answer {f['answer_accuracy']:6.1%}  unknown {f['unknown_recall']:6.1%}  "
            f"urgent {f['urgent_recall']:6.1%}  clarify {f['clarify_rate']:5.1%}  false urgent {f['false_urgent']}")


def main(argv: list[str] | None = None) -> int:
    """Run from the command line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("sets", nargs="*", help="evaluation files (default: every set the benchmark uses)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--imported", action="store_true", help="the seed leaflet imported with no hand edits")
    source.add_argument("--content", metavar="DIR", action="append", help="content pack folder(s)")
    parser.add_argument("--brief", action="store_true", help="figures only, no failing rows")
    args = parser.parse_args(argv)
    try:
        return _report(args, parser)
    except AssistantError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


def _report(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    library: Library | None
    if args.imported:
        library = imported_seed_library()
        if library is None:
            parser.error("the seed leaflet (../shared/seed) is not beside the project")
    else:
        library = load_library(content_folders(args.content))
    matcher = Matcher(library, Embedder.load(), None if args.imported else cache_dir(), DEFAULT_WEIGHTS)
    answers: list[float] = []
    unknowns: list[float] = []
    for name in args.sets or SETS:
        path = set_path(name)
        result = evaluate(load_eval(path), partial(new_dialogue, matcher), NOW)
        figures = result.figures()
        print(summary(path.name, figures), flush=True)
        if not args.brief:
            print("\n".join(describe(result)), flush=True)
        answers.append(figures["answer_accuracy"])
        unknowns.append(figures["unknown_recall"])
    if len(answers) > 1:
        print(f"mean of {len(answers)} sets: answer {sum(answers) / len(answers):.2%}  "
              f"unknown {sum(unknowns) / len(unknowns):.2%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
