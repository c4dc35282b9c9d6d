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

from assistant.audio import SegmenterConfig, SegmentEvent, SpeechSegmenter, level_dbfs

_LOGGER = logging.getLogger(__name__)

PRE_ROLL_MS = 500
MAX_LEAD_IN_MS = 10000
"""Audio kept while waiting, so speech that began before it was confirmed is not lost."""


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


def _lead_in(waiting: list[tuple[np.ndarray, float]], segmenter: SpeechSegmenter,
             extra_samples: int) -> list[np.ndarray]:
    """The audio before speech was confirmed: back to where the loud run began, plus a margin."""
    threshold = segmenter.floor_db() + segmenter.config.margin_db / 2
    start = len(waiting)
    while start > 0 and waiting[start - 1][1] >= threshold:
        start -= 1
    kept = 0
    while start > 0 and kept < extra_samples:
        start -= 1
        kept += len(waiting[start][0])
    return [chunk for chunk, _ in waiting[start:]]


def collect_utterance(chunks: Iterable[np.ndarray], sample_rate: int,
                      config: SegmenterConfig | None = None,
                      pre_roll_ms: int = PRE_ROLL_MS) -> Utterance:
    """Keep the speech and its lead-in; memory stays bounded however long the silence."""
    segmenter = SpeechSegmenter(sample_rate, config)
    waiting: deque[tuple[np.ndarray, float]] = deque()
    waiting_samples = 0
    speech: list[np.ndarray] = []
    total = 0
    for chunk, event in segment_stream(chunks, segmenter):
        total += len(chunk)
        if event is SegmentEvent.WAITING:
            waiting.append((chunk, level_dbfs(chunk)))
            waiting_samples += len(chunk)
            while waiting_samples - len(waiting[0][0]) >= MAX_LEAD_IN_MS * sample_rate // 1000:
                waiting_samples -= len(waiting.popleft()[0])
            continue
        if not speech:
            speech = _lead_in(list(waiting), segmenter, pre_roll_ms * sample_rate // 1000)
            waiting.clear()
        speech.append(chunk)
    ended_at = time.perf_counter()
    samples = np.concatenate(speech) if speech else np.zeros(0, dtype=np.float32)
    return Utterance(samples, segmenter.in_speech, total / sample_rate, ended_at)
