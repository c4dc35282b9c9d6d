"""One utterance from the live microphone, collected chunk by chunk with bounded memory.

The segmenter decides where speech starts and ends; the collector keeps a short lead-in (the
start of the first word comes before speech is confirmed) and remembers how long it has been
quiet, so the live loop can start recognising during a pause before the question is over.
"""

from __future__ import annotations

import logging
from collections import deque

import numpy as np

from assistant.audio import SegmenterConfig, SegmentEvent, SpeechSegmenter, level_dbfs

_LOGGER = logging.getLogger(__name__)

LEAD_IN_MS = 600


class UtteranceCollector:
    """Keeps a short lead-in and the speech of one utterance, chunk by chunk."""

    def __init__(self, sample_rate: int, config: SegmenterConfig | None = None,
                 lead_in_ms: int = LEAD_IN_MS) -> None:
        self.segmenter = SpeechSegmenter(sample_rate, config)
        self.sample_rate = sample_rate
        self._lead_in: deque[np.ndarray] = deque(maxlen=max(1, lead_in_ms // 100))
        self._speech: list[np.ndarray] = []
        self.quiet_ms = 0.0
        """How long it has been quiet since the last speech (0 while speaking)."""
        self.speech_chunks = 0
        """Chunks judged to be speech so far: grows only when the patient says more."""

    @property
    def in_speech(self) -> bool:
        """True once speech has started."""
        return self.segmenter.in_speech

    def feed(self, chunk: np.ndarray) -> SegmentEvent:
        """Take one chunk; say whether we are waiting, in speech, or at the end."""
        event = self.segmenter.process(chunk)
        if event is SegmentEvent.WAITING:
            self._lead_in.append(chunk)
            return event
        if not self._speech:
            self._speech.extend(self._lead_in)
        self._speech.append(chunk)
        if self.segmenter.is_speech_level(level_dbfs(chunk)):
            self.quiet_ms = 0.0
            self.speech_chunks += 1
        else:
            self.quiet_ms += 1000.0 * len(chunk) / self.sample_rate
        return event

    def samples(self) -> np.ndarray:
        """The utterance so far, lead-in included."""
        return np.concatenate(self._speech) if self._speech else np.zeros(0, np.float32)
