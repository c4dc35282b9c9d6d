#!/usr/bin/env python3
"""Render the spoken test corpus into tests/data/audio/ (git-ignored), with a manifest.

Each evaluation question is spoken by Piper's packaged voice at several speeds and by espeak-ng
voices, with pink noise and television-like babble at several levels, plus negative clips
(silence, a cough-like burst, babble). manifest.tsv lists file, expected text, kind, facts,
voice and noise level.

    .venv/bin/python scripts/make_test_audio.py [--set dev|holdout|tests] [--limit N]
        [--voices piper,espeak-gb] [--noises clean,mild] [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import audio_corpus as corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Parse options, render, print a one-line summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["dev", "holdout", "tests"], default="dev",
                        help="which questions (default: dev; holdout is for benchmark figures)")
    parser.add_argument("--limit", type=int, help="at most N questions, evenly spread "
                        "(default: all)")
    parser.add_argument("--voices", default=",".join(corpus.VOICES),
                        help=f"comma-separated voices (default: {','.join(corpus.VOICES)})")
    parser.add_argument("--noises", default=",".join(corpus.NOISE_LEVELS),
                        help=f"comma-separated noise levels (default: "
                        f"{','.join(corpus.NOISE_LEVELS)})")
    parser.add_argument("--out", type=Path, help="output folder (default: tests/data/audio/SET)")
    args = parser.parse_args(argv)
    voices = [v for v in args.voices.split(",") if v]
    noises = [n for n in args.noises.split(",") if n]
    unknown = [v for v in voices if v not in corpus.VOICES] + [
        n for n in noises if n not in corpus.NOISE_LEVELS]
    if unknown:
        parser.error(f"unknown voice or noise {', '.join(unknown)}")
    if not corpus.espeak_available():
        print("espeak-ng not found (apt-get install espeak-ng): Piper voices only",
              file=sys.stderr)
        voices = [v for v in voices if corpus.VOICES[v].engine == "piper"]
    if args.set == "tests":
        questions = list(corpus.TEST_QUESTIONS)
    else:
        source = corpus.DEV_QUESTIONS if args.set == "dev" else corpus.HOLDOUT_QUESTIONS
        questions = corpus.read_questions(source)
    if args.limit:
        questions = questions[:: max(1, len(questions) // args.limit)][: args.limit]
    out = args.out or ROOT / "tests" / "data" / "audio" / args.set
    started = time.perf_counter()
    clips = corpus.build_corpus(out, questions, voices, noises)
    print(f"{len(clips)} clips ({len(questions)} questions x {len(voices)} voices x "
          f"{len(noises)} noise levels + negatives) in {out} "
          f"({time.perf_counter() - started:.0f} s); manifest: {out / corpus.MANIFEST}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
