"""Benchmarks: figures for accuracy and speed, printed by `run.py bench` or run as modules."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any


def module_main(doc: str, run: Callable[..., dict[str, Any]], format_table: Callable[[dict[str, Any]], str],
                argv: list[str] | None = None, quick_help: str = "a small subset (default: full)",
                questions: bool = False, rescore: bool = False, engines: list[str] | None = None) -> int:
    """The shared command line of ``python -m benchmarks.NAME [--quick] [--json] [--questions FILE]``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=quick_help)
    parser.add_argument("--json", action="store_true", help="JSON output (default: a table)")
    if questions:
        parser.add_argument("--questions", metavar="FILE", help="evaluation file to render and hear "
                            "(default: tests/data/eval_holdout.tsv)")
    if rescore:
        parser.add_argument("--rescore", action="store_true", help="reuse the transcripts the last run "
                            "saved and only work out the replies again (after a matcher change)")
    if engines:
        parser.add_argument("--engine", action="append", choices=engines, dest="engines",
                            help="measure only this engine (repeatable; default: every installed one)")
    args = parser.parse_args(argv)
    extra: dict[str, Any] = {"questions": args.questions} if questions and args.questions else {}
    if rescore and args.rescore:
        extra["rescore_only"] = True
    if engines and args.engines:
        extra["engines"] = args.engines
    result = run(quick=args.quick, **extra)
    print(json.dumps(result, indent=2) if args.json else format_table(result))
    return 0
