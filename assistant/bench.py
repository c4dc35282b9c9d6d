"""``run.py bench``: run the benchmarks in benchmarks/ and print their figures in one report."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
import time
from typing import Any

from assistant.errors import ConfigError
from assistant.home import PROJECT_DIR

_LOGGER = logging.getLogger(__name__)

PARTS = ("matcher", "stt", "tts", "live")


def _run_part(name: str, quick: bool) -> tuple[dict[str, Any], str]:
    if str(PROJECT_DIR) not in sys.path:
        sys.path.insert(0, str(PROJECT_DIR))
    module = importlib.import_module(f"benchmarks.{name}")
    result: dict[str, Any] = module.run(quick=quick)
    formatter = getattr(module, "format_table", None)
    table = formatter(result) if formatter else json.dumps(result, indent=2)
    return result, table


def cmd_bench(args: argparse.Namespace) -> int:
    """Run the chosen benchmark parts and print a table (or JSON)."""
    parts = args.only or list(PARTS)
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        raise ConfigError(f"unknown benchmark part {unknown[0]!r}: expected one of {', '.join(PARTS)}")
    report: dict[str, Any] = {}
    for name in parts:
        started = time.perf_counter()
        try:
            result, table = _run_part(name, quick=not getattr(args, "full", False))
        except ModuleNotFoundError as err:
            result, table = {"skipped": f"not available: {err}"}, f"{name}: not available ({err})"
        except Exception as err:  # one failing part must not hide the others' figures
            _LOGGER.debug("benchmark %s failed", name, exc_info=True)
            result, table = {"failed": str(err)}, f"{name}: failed ({err})"
        result["seconds"] = round(time.perf_counter() - started, 1)
        report[name] = result
        if not args.json:
            print(table, flush=True)
            print(flush=True)
    if args.json:
        print(json.dumps(report, indent=2))
    return 0
