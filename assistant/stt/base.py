"""What every speech recogniser takes and gives: microphone-like chunks in, a Transcript out."""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from assistant.audio import SegmenterConfig, SegmentEvent, SpeechSegmenter

_LOGGER = logging.getLogger(__name__)

PRE_ROLL_MS = 1000


@dataclass(frozen=True)
class Transcript:
    """What was heard in one turn."""

    text: str
    """What was heard, plain words ("" when nothing)."""
    confidence: float
    """0-1: how sure the recogniser is of the words."""
    audio_seconds: float
    """Length of the audio fed."""
    stt_ms: float
    """Processing time from end of audio to final text (realtime: end of speech/recording)."""
    speech_found: bool
    """False for silence or noise only."""


class Recogniser(ABC):
    """A loaded speech recogniser: one per process, one turn per ``transcribe_stream`` call."""

    name: ClassVar[str]
    sample_rate: ClassVar[int] = 16000

    @abstractmethod
    def transcribe_stream(self, chunks: Iterable[np.ndarray]) -> Transcript:
        """Hear one question from float32 mono chunks at ``sample_rate``, ~100 ms each.

        Stops reading at the end of the question (trailing silence) or when the chunks end.
        """


def segment_stream(chunks: Iterable[np.ndarray], segmenter: SpeechSegmenter
                   ) -> Iterator[tuple[np.ndarray, SegmentEvent]]:
    """Pair each chunk with the segmenter's decision; stop after the end of the question."""
    for chunk in chunks:
        event = segmenter.process(chunk)
        yield chunk, event
        if event is SegmentEvent.END:
            return


@dataclass(frozen=True)
class Utterance:
    """The speech of one turn, cut from a stream with a little audio before it."""

    samples: np.ndarray
    speech_found: bool
    audio_seconds: float
    """All audio read, speech or not."""
    ended_at: float
    """``time.perf_counter()`` when the last chunk was read (end of speech or recording)."""


def collect_utterance(chunks: Iterable[np.ndarray], sample_rate: int,
                      config: SegmenterConfig | None = None,
                      pre_roll_ms: int = PRE_ROLL_MS) -> Utterance:
    """Keep the speech and a short lead-in; memory stays bounded however long the silence."""
    segmenter = SpeechSegmenter(sample_rate, config)
    lead_in: deque[np.ndarray] = deque()
    lead_samples = 0
    speech: list[np.ndarray] = []
    total = 0
    for chunk, event in segment_stream(chunks, segmenter):
        total += len(chunk)
        if event is SegmentEvent.WAITING:
            lead_in.append(chunk)
            lead_samples += len(chunk)
            while lead_samples - len(lead_in[0]) >= pre_roll_ms * sample_rate // 1000:
                lead_samples -= len(lead_in.popleft())
            continue
        if not speech:
            speech.extend(lead_in)
            lead_in.clear()
        speech.append(chunk)
    ended_at = time.perf_counter()
    found = segmenter.in_speech
    samples = np.concatenate(speech) if speech else np.zeros(0, dtype=np.float32)
    return Utterance(samples, found, total / sample_rate, ended_at)
