"""Question answering figures: accuracy, clarify rate, unknown precision/recall, urgent recall, speed.

Compares three matchers on the same questions: RapidFuzz and lay terms only, embeddings only, and
the shipped combination. Which sets were tuned on and which are blind: tests/data/EVAL.md.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from assistant.app import cache_dir, content_folders
from assistant.content import Library, load_library
from assistant.dialogue import Dialogue
from assistant.embeddings import Embedder
from assistant.evaluation import evaluate, load_eval
from assistant.matcher import DEFAULT_WEIGHTS, Matcher, Weights
from assistant.settings import Settings

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SETS = ("eval_dev.tsv", "eval_holdout.tsv", "eval_unseen.tsv", "eval_final.tsv", "eval_fresh_a.tsv",
        "eval_fresh_b.tsv", "eval_fresh_c.tsv", "eval_fresh_d.tsv", "eval_fresh_e.tsv",
        "eval_fresh_f.tsv", "eval_fresh_g.tsv", "eval_fresh_h.tsv", "eval_fresh_i.tsv",
        "eval_fresh_j.tsv", "eval_fresh_k.tsv", "eval_fresh_l.tsv",
        "eval_fresh_m.tsv", "eval_fresh_n.tsv", "eval_fresh_o.tsv",
        "eval_fresh_p.tsv", "eval_fresh_q.tsv", "eval_fresh_r.tsv", "eval_fresh_s.tsv",
        "eval_fresh_t.tsv", "eval_fresh_u.tsv", "eval_fresh_v.tsv", "eval_fresh_w.tsv",
        "eval_fresh_x.tsv", "eval_fresh_y.tsv", "eval_fresh_z.tsv", "eval_fresh_aa.tsv",
        "eval_fresh_ab.tsv", "eval_fresh_ac.tsv", "eval_fresh_ad.tsv", "eval_fresh_ae.tsv",
        "eval_fresh_af.tsv", "eval_fresh_ag.tsv", "eval_fresh_ah.tsv", "eval_fresh_ai.tsv",
        "eval_fresh_aj.tsv", "eval_fresh_ak.tsv", "eval_fresh_al.tsv", "eval_fresh_am.tsv",
        "eval_fresh_an.tsv", "eval_fresh_ao.tsv", "eval_fresh_ap.tsv", "eval_fresh_aq.tsv",
        "eval_fresh_ar.tsv", "eval_fresh_as.tsv", "eval_fresh_at.tsv", "eval_fresh_au.tsv",
        "eval_fresh_av.tsv", "eval_fresh_aw.tsv",
        "eval_fresh_ax.tsv", "eval_fresh_ay.tsv", "eval_fresh_az.tsv",
        "eval_fresh_ba.tsv", "eval_fresh_bb.tsv", "eval_fresh_bc.tsv",
        "eval_fresh_bd.tsv", "eval_fresh_be.tsv")
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("Europe/London"))
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_9ab7bde8cbb6c729.txt"


def run(quick: bool = False) -> dict[str, Any]:
    """Evaluate each matcher variant on each evaluation set (fast enough that ``quick`` changes nothing)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    library = load_library(content_folders(None))
    started = time.perf_counter()
    embedder = Embedder.load()
    load_ms = (time.perf_counter() - started) * 1000
    variants = {
        "rapidfuzz+terms": Matcher(library, None, cache_dir()),
        "embeddings only": Matcher(library, embedder, cache_dir(),
                                   Weights(ask_embed=0.7, chunk_embed=0.3, fuzz=0, terms=0, unfamiliar=0)),
        "combined (shipped)": Matcher(library, embedder, cache_dir(), DEFAULT_WEIGHTS),
    }
    imported = imported_seed_library()
    if imported is not None:
        variants["imported seed pack"] = Matcher(imported, embedder, None, DEFAULT_WEIGHTS)
    results: dict[str, Any] = {"embedding_model_load_ms": round(load_ms), "sets": {}}
    for name in SETS:
        rows = load_eval(DATA / name)
        per_variant = {}
        for label, matcher in variants.items():
            result = evaluate(rows, partial(new_dialogue, matcher), NOW)
            per_variant[label] = result.figures()
        results["sets"][name] = per_variant
    return results


def new_dialogue(matcher: Matcher) -> Dialogue:
    """A fresh conversation over one matcher's library, with default speech settings."""
    return Dialogue(matcher.library, matcher, Settings())


def imported_seed_library() -> Library | None:
    """The seed leaflet imported with no hand edits, when ../shared/seed is beside the project."""
    if not SEED.exists():
        return None
    from assistant.importer import build_pack
    from assistant.leaflet_parse import read_leaflet
    from assistant.pack_files import write_pack

    out = Path(tempfile.mkdtemp(prefix="seed-pack-")) / "pack"
    write_pack(build_pack(read_leaflet(SEED), date.today()), out)
    return load_library([out])


def format_table(result: dict[str, Any]) -> str:
    """One table per evaluation set: a row per matcher variant."""
    cols = ["answer_accuracy", "clarify_rate", "unknown_recall", "unknown_precision", "urgent_recall",
            "answer_calibration_error", "ms_per_question_p50", "ms_per_question_p95"]
    heads = ["answer", "clarify", "unk.recall", "unk.prec", "urgent", "calib.err", "ms p50", "ms p95"]
    lines = [f"question answering (embedding model load {result['embedding_model_load_ms']} ms)"]
    for name, variants in result["sets"].items():
        count = next(iter(variants.values()))["questions"]
        lines.append(f"{name} ({count} questions)")
        lines.append("  " + "matcher".ljust(20) + "".join(h.rjust(11) for h in heads))
        for label, figures in variants.items():
            cells = [f"{figures[c]:.1%}" if c.endswith(("accuracy", "rate", "recall", "precision"))
                     else f"{figures[c]:.3f}" if c.endswith("error") else f"{figures[c]:.1f}" for c in cols]
            lines.append("  " + label.ljust(20) + "".join(c.rjust(11) for c in cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run from the command line."""
    from benchmarks import module_main

    return module_main(__doc__ or "", run, format_table, argv, quick_help="accepted for symmetry; changes nothing")


if __name__ == "__main__":
    raise SystemExit(main())
