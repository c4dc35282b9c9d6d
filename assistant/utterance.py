"""One utterance from the live microphone, collected chunk by chunk with bounded memory.

The segmenter decides where speech starts and ends; the collector keeps a short lead-in (the
start of the first word comes before speech is confirmed) and remembers how long it has been
quiet, so the live loop can start recognising during a pause before the question is over.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import replace

import numpy as np

from assistant.audio import SegmenterConfig, SegmentEvent, SpeechSegmenter, level_dbfs

_LOGGER = logging.getLogger(__name__)

LEAD_IN_MS = 600
BACKGROUND_CHUNKS = 10
"""Chunks of recent quiet (~1 s) a new collector hears first, to learn the background."""
EARLY_AFTER_MS = 400
"""A pause this long starts recognition early; if it becomes the end of the question, the words
are ready sooner (the end itself needs the segmenter's longer silence)."""
QUESTION_END_MS = 700
"""A pause this long ends the question early when the recogniser heard a whole question (its words
end with "?"); any other pause must last the segmenter's full end silence (1.2 s), for slow speakers."""
BARGE_IN_MAX_MS = 2500
"""Longest utterance checked for "stop" while speaking; longer sound is the assistant's own echo."""


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


class Background:
    """Recent quiet from the microphone (never speech), heard first by every new collector.

    The segmenter's first chunks set its idea of quiet, so they must not be the patient's first
    words: a collector primed with the room's background hears the question from its start.
    """

    def __init__(self, sample_rate: int, config: SegmenterConfig | None = None,
                 chunks: int = BACKGROUND_CHUNKS) -> None:
        self.sample_rate = sample_rate
        self.config = config
        self._quiet = SpeechSegmenter(sample_rate, config)
        self._chunks: deque[np.ndarray] = deque(maxlen=chunks)

    def remember(self, chunk: np.ndarray) -> None:
        """Keep the chunk if it is quiet for this room."""
        self._quiet.process(chunk)
        if not self._quiet.is_speech_level(level_dbfs(chunk)):
            self._chunks.append(chunk)

    def collector(self, config: SegmenterConfig | None = None) -> UtteranceCollector:
        """A new collector that has already heard the background."""
        collector = UtteranceCollector(self.sample_rate, config or self.config)
        for chunk in self._chunks:
            collector.feed(chunk)
        return collector


class BargeIn:
    """Short utterances heard while the assistant speaks, for "stop"; long sound is its own echo."""

    def __init__(self, background: Background, max_ms: int = BARGE_IN_MAX_MS) -> None:
        base = background.config or SegmenterConfig()
        self._config = replace(base, max_speech_ms=max_ms, end_silence_ms=min(base.end_silence_ms, 700))
        self._background = background
        self._max_ms = max_ms
        self._collector: UtteranceCollector | None = None
        self._echo: SpeechSegmenter | None = None

    def feed(self, chunk: np.ndarray) -> np.ndarray | None:
        """The samples of a short utterance that just ended, else None."""
        if self._echo is not None:
            if self._echo.is_speech_level(level_dbfs(chunk)):
                return None  # still the long sound that was not "stop"
            self._echo = None
        if self._collector is None:
            self._collector = self._background.collector(self._config)
        collector = self._collector
        if collector.feed(chunk) is not SegmentEvent.END:
            return None
        self._collector = None
        if collector.segmenter.speech_ms >= self._max_ms:
            self._echo = collector.segmenter  # too long for "stop": most likely our own voice
            return None
        return collector.samples()


class EarlyWords:
    """Words recognised during a pause, before it is known whether the question is over.

    Recognition starts after a short pause; if the patient speaks again the words are stale, and
    results come back in the order asked, so only the latest request's words count. At the end
    of speech, words covering everything said are the question (ready, or still coming).
    """

    def __init__(self, after_ms: int = EARLY_AFTER_MS, question_end_ms: int = QUESTION_END_MS) -> None:
        self.after_ms = after_ms
        self.question_end_ms = question_end_ms
        self._covers: int | None = None
        """Speech chunks the latest request covers, while it is current."""
        self._text: str | None = None
        self._sent = self._got = 0
        self.awaited = False
        """True when the question ended while its words were still being recognised."""

    def should_start(self, collector: UtteranceCollector) -> bool:
        """Whether to recognise the utterance so far now (during a pause, once per pause)."""
        if self._covers is not None and self._covers != collector.speech_chunks:
            self._covers, self._text = None, None  # the patient said more
        if self._covers is not None or collector.quiet_ms < self.after_ms:
            return False
        self._covers, self._sent = collector.speech_chunks, self._sent + 1
        return True

    def received(self, text: str) -> bool:
        """Take recognised words; False when they are stale (an earlier pause's)."""
        self._got += 1
        if self._got != self._sent:
            return False
        if self._covers is not None and self._text is None:
            self._text = text
        return True

    def question_over(self, collector: UtteranceCollector) -> bool:
        """A shorter pause ends the question when its words so far are a whole question ("?")."""
        return (self._text is not None and self._text.rstrip().endswith("?")
                and self._covers == collector.speech_chunks
                and collector.quiet_ms >= self.question_end_ms)

    def at_end(self, collector: UtteranceCollector) -> tuple[bool, str | None]:
        """At the end of speech: (covered, words). Not covered: recognise the whole utterance.
        Covered without words yet: they are awaited (``awaited`` is set)."""
        covered = self._covers == collector.speech_chunks
        text = self._text if covered else None
        self._covers, self._text = None, None
        self.awaited = covered and text is None
        return covered, text
