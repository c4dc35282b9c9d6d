"""The speaker interface every speech engine implements, and what engines share."""

from __future__ import annotations

import logging
import wave
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import numpy as np

from assistant.errors import SynthesisError
from assistant.settings import MAX_RATE, MAX_VOLUME, MIN_RATE, MIN_VOLUME
from assistant.speech_text import speech_sentences
from assistant.tts.lexicon import apply_lexicon

_LOGGER = logging.getLogger(__name__)

PEAK_LEVEL = 0.9
"""Every sentence is scaled to this peak before the volume, so engines and sentences match."""


@dataclass(frozen=True)
class SpeechAudio:
    """The audio for one sentence of an answer."""

    samples: np.ndarray
    """float32 mono, -1..1."""
    sample_rate: int
    text: str
    """The sentence this audio says."""


def check_rate_volume(rate: float, volume: float) -> None:
    """Raise SynthesisError unless rate and volume are in the ranges the settings allow."""
    if not MIN_RATE <= rate <= MAX_RATE:
        raise SynthesisError(f"speech rate {rate}: expected {MIN_RATE} to {MAX_RATE} (1.0 is normal)")
    if not MIN_VOLUME <= volume <= MAX_VOLUME:
        raise SynthesisError(f"volume {volume}: expected {MIN_VOLUME} to {MAX_VOLUME}")


def prepare_sentences(text: str, lexicon: Mapping[str, str]) -> list[tuple[str, str]]:
    """(spoken sentence, engine input) pairs for a written answer; SynthesisError if nothing to say."""
    sentences = speech_sentences(text)
    if not sentences:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise SynthesisError(f"nothing to say in {shown!r}: expected some words or numbers")
    return [(sentence, apply_lexicon(sentence, lexicon)) for sentence in sentences]


def level(samples: np.ndarray, volume: float) -> np.ndarray:
    """Scale one sentence to the common peak times ``volume``, as float32 mono."""
    audio = np.asarray(samples, dtype=np.float32).reshape(-1)
    peak = float(np.max(np.abs(audio))) if audio.size else 0.0
    if peak < 1e-6:
        return audio
    return np.clip(audio * (PEAK_LEVEL * volume / peak), -1.0, 1.0).astype(np.float32)


class Speaker(ABC):
    """A speech engine with its voice loaded: written text in, audio out sentence by sentence."""

    name: ClassVar[str]

    @abstractmethod
    def synthesize(self, text: str, *, rate: float = 1.0, volume: float = 1.0) -> Iterator[SpeechAudio]:
        """Yield audio sentence by sentence, so speech can start after the first sentence."""

    def write_wav(self, text: str, path: str | Path, *, rate: float = 1.0, volume: float = 1.0) -> float:
        """Write the whole answer as a 16-bit mono WAV; return the seconds written."""
        parts = list(self.synthesize(text, rate=rate, volume=volume))
        if not parts:
            raise SynthesisError(f"{self.name} produced no audio for {text[:40]!r}")
        sample_rate = parts[0].sample_rate
        audio = np.concatenate([p.samples for p in parts])
        pcm = (np.clip(audio, -1.0, 1.0) * 32767.0).astype("<i2")
        try:
            # Open the file first: wave.open on a bad path leaves a half-made writer behind.
            with open(path, "wb") as file, wave.open(file, "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(sample_rate)
                out.writeframes(pcm.tobytes())
        except OSError as err:
            raise SynthesisError(f"cannot write speech to {path}: {err.strerror or err}") from err
        return len(audio) / sample_rate

    def _stream(
        self,
        text: str,
        lexicon: Mapping[str, str],
        say: Callable[[str, float], np.ndarray],
        sample_rate: int,
        rate: float,
        volume: float,
    ) -> Iterator[SpeechAudio]:
        """Shared loop: normalise, look up pronunciations, synthesise one sentence at a time.

        Checks the arguments at once (not on the first ``next``), then returns the lazy stream.
        """
        check_rate_volume(rate, volume)
        return self._generate(prepare_sentences(text, lexicon), say, sample_rate, volume, rate)

    def _generate(
        self,
        sentences: list[tuple[str, str]],
        say: Callable[[str, float], np.ndarray],
        sample_rate: int,
        volume: float,
        rate: float,
    ) -> Iterator[SpeechAudio]:
        for spoken, engine_input in sentences:
            try:
                samples = say(engine_input, rate)
            except SynthesisError:
                raise
            except Exception as err:  # engines raise anything; the patient must not see it
                raise SynthesisError(f"{self.name} could not say {spoken[:60]!r}: {err}") from err
            if samples.size:
                yield SpeechAudio(level(samples, volume), sample_rate, spoken)
