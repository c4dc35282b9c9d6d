"""Speech-in figures: word errors per voice and noise level, load time, speed, memory.

The held-out questions (tests/data/eval_holdout.tsv) are rendered by tests/audio_corpus.py into
tests/data/audio/holdout/ (reused when already there), then heard by every installed engine
through the same chunked path a microphone feeds. Whisper runs with the leaflet's
title and rarest words as a prompt (the default) and again without it, to show what biasing does.

    .venv/bin/python -m benchmarks.stt [--quick] [--json] [--questions tests/data/eval_fresh_c.tsv] [--rescore]
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.errors import AssistantError  # noqa: E402
from assistant.stt import ENGINES, hear_again_timed, installed_engines, load_recogniser, transcribe_file  # noqa: E402
from assistant.stt.base import HearingChoice, Recogniser  # noqa: E402
from tests import audio_corpus as corpus  # noqa: E402

_LOGGER = logging.getLogger(__name__)

PACK = ROOT / "content" / "liver-surgery"
AUDIO_DIR = ROOT / "tests" / "data" / "audio" / "holdout"
FULL: dict[str, Any] = {"questions": None, "voices": ["piper", "espeak-gb"],
        "noises": ["clean", "mild", "noisy"], "realtime": 6}
UNPRIMED = "whisper-no-prompt"
"""The default engine again without the leaflet's words as a prompt, to show what biasing does."""
QUICK: dict[str, Any] = {"questions": 12, "voices": ["piper", "espeak-gb"], "noises": ["clean", "mild"],
         "realtime": 2}


def leaflet_vocabulary() -> list[str]:
    """Section titles and terms of the content pack, as `run.py ask` passes them."""
    try:
        from assistant.content import load_library

        return load_library([PACK]).vocabulary()
    except (AssistantError, OSError, ImportError) as err:
        _LOGGER.warning("content pack not usable (%s): no vocabulary", err)
        return []


def render(config: dict[str, Any], folder: Path = AUDIO_DIR,
           source: Path = corpus.HOLDOUT_QUESTIONS) -> list[corpus.CorpusClip]:
    """Render the questions once; reuse the folder when its settings match."""
    questions = corpus.read_questions(source)
    if config["questions"] and config["questions"] < len(questions):
        # Evenly spread over the file, so every kind (answer, unknown, urgent) is represented.
        step = len(questions) / config["questions"]
        questions = [questions[int(i * step)] for i in range(config["questions"])]
    voices = [v for v in config["voices"]
              if corpus.VOICES[v].engine == "piper" or corpus.espeak_available()]
    stamp = json.dumps({"q": [q[1] for q in questions], "v": voices, "n": config["noises"]})
    if (folder / "settings.json").is_file() and (folder / "settings.json").read_text() == stamp:
        return corpus.read_manifest(folder)
    clips = corpus.build_corpus(folder, questions, voices, config["noises"])
    (folder / "settings.json").write_text(stamp)
    return clips


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@lru_cache(maxsize=1)
def _assistant() -> Any:
    """The content pack, matcher and dialogue, loaded once for the whole run (a throwaway home)."""
    import tempfile

    from assistant.app import Assistant

    return Assistant.load(None, home=tempfile.mkdtemp(prefix="bench-stt-home-"))


def answer_accuracy(heard: dict[str, list[tuple[corpus.CorpusClip, str]]]) -> dict[str, Any]:
    """Per voice/noise: share of in-scope questions whose reply carries the facts; urgent recall."""
    from datetime import datetime

    from assistant.evaluation import EvalRow, evaluate

    try:
        assistant = _assistant()
    except (AssistantError, ImportError) as err:
        return {"skipped": f"dialogue not available: {err}"}
    now = datetime(2026, 11, 27, 10, 0)
    out: dict[str, Any] = {}
    typed = {c.text: c for pairs in heard.values() for c, _ in pairs}
    groups = {"typed": [(c, c.text) for c in typed.values()], **heard}
    for key, pairs in groups.items():
        rows = [EvalRow(c.kind, text, _facts(c.facts), 0) for c, text in pairs]
        figures = evaluate(rows, assistant.new_dialogue, now).figures()
        kinds = {c.kind for c, _ in pairs}
        out[key] = {"answer": figures["answer_accuracy"],
                    "urgent": figures["urgent_recall"] if "urgent" in kinds else None,
                    "unknown": figures["unknown_recall"] if "unknown" in kinds else None}
    return out


def hearing_chooser() -> HearingChoice | None:
    """The dialogue's choice between a first and a second hearing, as `run.py ask --audio` makes it."""
    try:
        dialogue = _assistant().new_dialogue()
    except (AssistantError, ImportError) as err:
        _LOGGER.warning("dialogue not available (%s): first hearings only", err)
        return None
    return dialogue.better_hearing


def _facts(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(a.strip() for a in f.split("|") if a.strip())
                 for f in text.split(";") if f.strip())


def measure(rec: Recogniser, clips: list[corpus.CorpusClip], folder: Path,
            realtime: int, label: str = "whisper",
            choose: HearingChoice | None = None) -> dict[str, Any]:
    """WER per voice and noise, stt time, negatives heard as speech, realtime latency.

    Word errors count the first hearing; replies use the hearing ``choose`` picks (the dialogue
    asks for a second one when the leaflet answers nothing in the first). What was heard is saved
    beside the audio (heard-LABEL.json: file, group, hearing replied to, first hearing), so that
    `--rescore` can work out the replies again after a matcher change without hearing everything
    again; the choice of hearing stays as it was made."""
    process = psutil.Process()
    heard_by_group: dict[str, list[tuple[corpus.CorpusClip, str]]] = defaultdict(list)
    errors: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    stt_ms: list[float] = []
    peak = process.memory_info().rss
    negatives_heard = heard_again = 0
    first: dict[str, str] = {}
    for clip in clips:
        heard = transcribe_file(rec, folder / clip.file)
        peak = max(peak, process.memory_info().rss)
        if clip.kind == "negative":
            negatives_heard += heard.speech_found
            continue
        again_ms: list[float] = []
        chosen = choose(heard.text, hear_again_timed(rec, again_ms)) if choose else heard.text
        stt_ms.append(heard.stt_ms + sum(again_ms))  # as `ask --audio` counts it: both hearings
        heard_again += chosen != heard.text
        first[clip.file] = heard.text
        heard_by_group[f"{clip.voice}/{clip.noise}"].append((clip, chosen))
        e, n = corpus.word_errors(clip.text, heard.text)
        for key in (f"{clip.voice}/{clip.noise}", f"all/{clip.noise}"):
            errors[key][0] += e
            errors[key][1] += n
    saved = [[c.file, group, text, first[c.file]] for group, pairs in heard_by_group.items()
             for c, text in pairs]
    (folder / f"heard-{label}.json").write_text(json.dumps(saved, indent=1), encoding="utf-8")
    # Real-time feeding takes as long as the clip itself: pick the clips first, then feed only those.
    live_clips = [c for c in clips if c.kind != "negative" and c.noise == "mild"][:realtime]
    live = [transcribe_file(rec, folder / c.file, realtime=True).stt_ms for c in live_clips]
    return {
        "wer": {k: round(e / n, 3) for k, (e, n) in sorted(errors.items()) if n},
        "stt_ms_p50": round(_percentile(stt_ms, 0.5), 1),
        "stt_ms_p95": round(_percentile(stt_ms, 0.95), 1),
        "realtime_stt_ms_p50": round(_percentile(live, 0.5), 1),
        "realtime_stt_ms_p95": round(_percentile(live, 0.95), 1),
        "negatives_heard_as_speech": f"{negatives_heard}/3",
        "heard_again": f"{heard_again}/{len(stt_ms)}",
        "peak_rss_mb": round(peak / 2**20),
        "from_audio": answer_accuracy(heard_by_group),
    }


def _load(name: str, **kwargs: Any) -> tuple[Recogniser, float]:
    started = time.perf_counter()
    if kwargs:
        from assistant.stt.whisper import WhisperRecogniser

        rec: Recogniser = WhisperRecogniser.load(**kwargs)
    else:
        rec = load_recogniser(name, vocabulary=leaflet_vocabulary())
    return rec, 1000 * (time.perf_counter() - started)


def rescore(clips: list[corpus.CorpusClip], folder: Path, source: Path,
            engines: list[str] | None = None) -> dict[str, Any]:
    """Replies worked out again from the transcripts the last run saved (no recognition): those of
    ``engines``, or of every engine that has saved some."""
    by_file = {c.file: c for c in clips}
    runs: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("heard-*.json")):
        if engines and path.stem.removeprefix("heard-") not in engines:
            continue
        heard: dict[str, list[tuple[corpus.CorpusClip, str]]] = defaultdict(list)
        for file, group, text, *_ in json.loads(path.read_text(encoding="utf-8")):
            if file in by_file:
                heard[group].append((by_file[file], text))
        runs[path.stem.removeprefix("heard-")] = {"from_audio": answer_accuracy(heard)}
    return {"source": source.name, "rescored": True, "engines": runs}


def run(quick: bool = False, questions: str | None = None, rescore_only: bool = False,
        engines: list[str] | None = None) -> dict[str, Any]:
    """Measure every installed engine (and whisper's biasing modes); return the figures."""
    config = QUICK if quick else FULL
    source = Path(questions) if questions else corpus.HOLDOUT_QUESTIONS
    folder = AUDIO_DIR if questions is None else AUDIO_DIR.parent / source.stem
    folder.mkdir(parents=True, exist_ok=True)
    clips = render(config, folder, source)
    if rescore_only:
        return rescore(clips, folder, source, engines)
    vocabulary = leaflet_vocabulary()
    installed = installed_engines(Path(ROOT / "models"))
    choose = hearing_chooser()
    runs: dict[str, dict[str, Any]] = {}
    for name in [e for e in engines or ENGINES if e != UNPRIMED]:
        if name not in installed:
            runs[name] = {"skipped": "no English Vosk model: run.py models fetch vosk-small-en-us"
                          if name == "vosk" else f"{name} is not installed"}
            continue
        rec, load_ms = _load(name)
        runs[name] = {"load_ms": round(load_ms),
                      **measure(rec, clips, folder, config["realtime"], name, choose)}
    if "whisper" in installed and (engines is None or UNPRIMED in engines):
        # Biasing is compared on the mild-noise clips only, to keep the run short; hotwords
        # go into the same decoder prompt in faster-whisper, so they are not compared again.
        mild = [c for c in clips if c.noise == "mild"]
        rec, load_ms = _load("whisper", vocabulary=vocabulary, biasing="none")
        runs[UNPRIMED] = {"load_ms": round(load_ms), **measure(rec, mild, folder, 0, UNPRIMED, choose)}
    return {"source": source.name, "clips": len(clips), "questions": len({c.text for c in clips if c.text}),
            "engines": runs}


def format_table(result: dict[str, Any]) -> str:
    """The figures as a plain text table: one row per engine, WER columns per voice/noise."""
    engines = {k: v for k, v in result["engines"].items() if "skipped" not in v}
    if result.get("rescored"):
        return "\n".join([f"speech in: replies from the transcripts saved for {result['source']}"]
                         + _reply_lines(engines))
    keys = sorted({k for v in engines.values() for k in v["wer"]})
    lines = [f"speech in: {result['questions']} held-out questions, {result['clips']} clips"]
    lines.append("word error rate".ljust(18) + "".join(k.rjust(max(9, len(k) + 2)) for k in keys))
    for name, figures in engines.items():
        lines.append(name.ljust(18) + "".join(
            (f"{figures['wer'][k]:.1%}" if k in figures["wer"] else "-").rjust(max(9, len(k) + 2))
            for k in keys))
    lines.append("")
    cols = [("load_ms", "load ms"), ("stt_ms_p50", "stt p50"), ("stt_ms_p95", "stt p95"),
            ("realtime_stt_ms_p50", "realtime p50"), ("realtime_stt_ms_p95", "realtime p95"),
            ("negatives_heard_as_speech", "negatives heard"), ("heard_again", "2nd hearing used"),
            ("peak_rss_mb", "peak MB")]
    lines.append("speed".ljust(18) + "".join(label.rjust(len(label) + 2) for _, label in cols))
    for name, figures in engines.items():
        lines.append(name.ljust(18) + "".join(
            str(figures[c]).rjust(len(label) + 2) for c, label in cols))
    lines.append("")
    lines.extend(_reply_lines(engines))
    for name, figures in result["engines"].items():
        if "skipped" in figures:
            lines.append(f"{name}: skipped ({figures['skipped']})")
    return "\n".join(lines)


def _reply_lines(engines: dict[str, Any]) -> list[str]:
    lines = ["replies carrying the facts (answer) / urgent recall / out-of-scope refused; "
             "'typed' = the questions as text"]
    for name, figures in engines.items():
        acc = figures.get("from_audio", {})
        cells = [f"{k} {v['answer']:.0%}/" + "/".join("-" if v.get(x) is None else f"{v[x]:.0%}"
                                                        for x in ("urgent", "unknown"))
                 for k, v in acc.items() if isinstance(v, dict)]
        lines.append(name.ljust(18) + ("  ".join(cells) or str(acc.get("skipped", "-"))))
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run from the command line."""
    from benchmarks import module_main

    return module_main(__doc__ or "", run, format_table, argv, questions=True, rescore=True,
                       engines=[*ENGINES, UNPRIMED])


if __name__ == "__main__":
    raise SystemExit(main())
