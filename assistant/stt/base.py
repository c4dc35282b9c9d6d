"""What every speech recogniser takes and gives: microphone-like chunks in, a Transcript out."""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Iterable, Iterator
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


HearingChoice = Callable[[str, Callable[[], str]], str]
"""Which hearing of a spoken question to reply to, given the first and a way to hear it again
(``Dialogue.better_hearing``; see ``Recogniser.hear_again``)."""


class Recogniser(ABC):
    """A loaded speech recogniser: one per process, one turn per ``transcribe_stream`` call."""

    name: ClassVar[str]
    sample_rate: ClassVar[int] = 16000

    @abstractmethod
    def transcribe_stream(self, chunks: Iterable[np.ndarray], *, live: bool | None = None
                          ) -> Transcript:
        """Hear one question from float32 mono chunks at ``sample_rate``, ~100 ms each.

        Stops reading at the end of the question (trailing silence) or when the chunks end.
        ``live`` says whether the chunks come at the speaker's pace (a microphone): True or False
        when the caller knows, None to let the engine judge from how fast they arrive. An engine
        may start work early on live audio; it must hear a recording the same however busy the
        machine is.
        """

    def prepare_hearing_again(self) -> None:
        """Load now whatever ``hear_again`` needs, so a live session's first second hearing is not
        the slow one (``listen`` calls it while "Loading..." is shown). Nothing by default."""
        return None

    def hear_again(self) -> str:
        """The last question heard once more a different way, or "" when the engine has no other way.

        Asked only when the first hearing gave nothing the leaflet answers (see
        ``Dialogue.better_hearing``), so it costs time on those turns alone.
        """
        return ""


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


class UtteranceBuffer:
    """Keeps one utterance's speech and lead-in as chunks arrive; bounded however long the wait."""

    def __init__(self, sample_rate: int, config: SegmenterConfig | None = None,
                 pre_roll_ms: int = PRE_ROLL_MS) -> None:
        self.sample_rate = sample_rate
        self.segmenter = SpeechSegmenter(sample_rate, config)
        self.pre_roll = pre_roll_ms * sample_rate // 1000
        self._waiting: deque[tuple[np.ndarray, float]] = deque()
        self._waiting_samples = 0
        self._speech: list[np.ndarray] = []
        self.total_samples = 0

    @property
    def speech_found(self) -> bool:
        """True once the segmenter has heard speech start."""
        return self.segmenter.in_speech

    def add(self, chunk: np.ndarray) -> SegmentEvent:
        """Take the next chunk; return the segmenter's decision about it."""
        event = self.segmenter.process(chunk)
        self.total_samples += len(chunk)
        if event is SegmentEvent.WAITING:
            self._waiting.append((chunk, level_dbfs(chunk)))
            self._waiting_samples += len(chunk)
            limit = MAX_LEAD_IN_MS * self.sample_rate // 1000
            while self._waiting_samples - len(self._waiting[0][0]) >= limit:
                self._waiting_samples -= len(self._waiting.popleft()[0])
            return event
        if not self._speech:
            self._speech = _lead_in(list(self._waiting), self.segmenter, self.pre_roll)
            self._waiting.clear()
        self._speech.append(chunk)
        return event

    def samples(self) -> np.ndarray:
        """The utterance so far, lead-in included (empty before speech)."""
        return np.concatenate(self._speech) if self._speech else np.zeros(0, dtype=np.float32)


def collect_utterance(chunks: Iterable[np.ndarray], sample_rate: int,
                      config: SegmenterConfig | None = None,
                      pre_roll_ms: int = PRE_ROLL_MS) -> Utterance:
    """Read chunks up to the end of speech; keep the speech and its lead-in."""
    buffer = UtteranceBuffer(sample_rate, config, pre_roll_ms)
    for chunk in chunks:
        if buffer.add(chunk) is SegmentEvent.END:
            break
    ended_at = time.perf_counter()
    return Utterance(buffer.samples(), buffer.speech_found, buffer.total_samples / sample_rate,
                     ended_at)
