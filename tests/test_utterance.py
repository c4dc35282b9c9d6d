"""Collecting one utterance: the lead-in is kept, pauses are measured, the background is learnt."""

from __future__ import annotations

import numpy as np

from assistant.audio import SegmentEvent
from assistant.utterance import Background, BargeIn, UtteranceCollector

CHUNK = 1600


def _speech(n: int) -> list[np.ndarray]:
    rng = np.random.default_rng(n)
    return [(rng.standard_normal(CHUNK) * 0.1).astype(np.float32) for _ in range(n)]


def _silence(n: int) -> list[np.ndarray]:
    return [np.zeros(CHUNK, np.float32) for _ in range(n)]


def test_collector_keeps_the_lead_in_and_measures_the_pause() -> None:
    collector = UtteranceCollector(16000)
    events = [collector.feed(c) for c in _silence(10) + _speech(8) + _silence(5)]
    assert SegmentEvent.SPEECH in events and collector.in_speech
    assert collector.speech_chunks == 7  # the first speech chunk waits in the lead-in
    assert collector.quiet_ms == 500.0
    # The speech, the 600 ms before it was confirmed, and the pause so far.
    assert len(collector.samples()) >= (8 + 5) * CHUNK


def test_a_primed_collector_hears_speech_from_its_first_chunk() -> None:
    background = Background(16000)
    for chunk in _silence(10) + _speech(3):  # speech is never taken as the background
        background.remember(chunk)
    collector = background.collector()
    events = [collector.feed(c) for c in _speech(5) + _silence(13)]
    assert events[-1] is SegmentEvent.END
    unprimed = UtteranceCollector(16000)
    assert SegmentEvent.END not in [unprimed.feed(c) for c in _speech(5) + _silence(13)]


def test_barge_in_passes_short_utterances_and_ignores_long_sound() -> None:
    background = Background(16000)
    for chunk in _silence(10):
        background.remember(chunk)
    barge_in = BargeIn(background, max_ms=2500)
    heard = [barge_in.feed(c) for c in _speech(5) + _silence(8)]
    assert sum(h is not None for h in heard) == 1
    long = [barge_in.feed(c) for c in _speech(40) + _silence(8) + _speech(20)]
    assert all(h is None for h in long)


def test_early_words_are_current_only_for_what_they_cover() -> None:
    from assistant.utterance import EarlyWords

    collector = Background(16000).collector()
    early = EarlyWords(after_ms=400, question_end_ms=700)
    for chunk in _silence(10) + _speech(8) + _silence(4):
        collector.feed(chunk)
    assert early.should_start(collector) and not early.should_start(collector)  # once per pause
    for chunk in _speech(3) + _silence(4):  # the patient went on
        collector.feed(chunk)
    assert early.should_start(collector)
    assert early.received("when can I") is False  # the first request's words: stale
    assert early.received("when can I drive?") is True
    assert not early.question_over(collector)  # 0.4 s: too short a pause
    for chunk in _silence(3):
        collector.feed(chunk)
    assert early.question_over(collector)
    assert early.at_end(collector) == (True, "when can I drive?") and not early.awaited
