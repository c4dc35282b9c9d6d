"""Speech out for the live loop: said with the patient's settings, stopped at once, a missing
output device told once and retried."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator

import numpy as np
import pytest

from assistant import devices, sound_out
from assistant.errors import AudioError
from assistant.playback import Player
from assistant.settings import Settings
from assistant.sound_out import SoundOut
from assistant.tts.base import SpeechAudio


class FakeStream:
    """An output stream that takes 50 ms blocks at (faster than) real-time pace."""

    def __init__(self, log: list[int]) -> None:
        self.log = log

    def start(self) -> None: ...
    def write(self, data: np.ndarray) -> None:
        self.log.append(len(data))
        time.sleep(0.005)
    def abort(self) -> None: ...
    def stop(self) -> None: ...
    def close(self) -> None: ...


class SentenceSpeaker:
    """A speaker whose every sentence is 0.5 s of tone; records what it was asked to say."""

    name = "fake"

    def __init__(self) -> None:
        self.asked: list[tuple[str, float, float]] = []

    def synthesize(self, text: str, *, rate: float = 1.0, volume: float = 1.0) -> Iterator[SpeechAudio]:
        self.asked.append((text, rate, volume))
        for sentence in text.split(". "):
            yield SpeechAudio(np.full(12000, 0.1, np.float32), 24000, sentence)


class Output:
    """SoundOut with a fake device; spoken results and messages collected."""

    def __init__(self, fail: int = 0) -> None:
        self.writes: list[int] = []
        self.spoken: queue.Queue[bool] = queue.Queue()
        self.told: list[str] = []
        self.fail = fail
        self.opened = 0
        self.speaker = SentenceSpeaker()

        def opener(rate: int) -> FakeStream:
            self.opened += 1
            if self.fail:
                self.fail -= 1
                raise AudioError("no usable audio output device")
            return FakeStream(self.writes)

        self.sound = SoundOut(self.speaker, lambda: Settings(rate=0.85, volume=0.7), self.spoken.put,
                              self.told.append, Player(opener))


def test_words_are_said_with_the_patients_settings_after_the_earcon() -> None:
    out = Output()
    out.sound.say("First. Second.", "reminder")
    assert out.spoken.get(timeout=10) is True
    assert out.speaker.asked == [("First. Second.", 0.85, 0.7)]
    assert sum(out.writes) > 2 * 12000  # the earcon and both sentences
    out.sound.close()


def test_stop_ends_speech_and_reports_it_unfinished() -> None:
    out = Output()
    out.sound.say(". ".join(["Sentence"] * 40))
    while not out.writes:
        time.sleep(0.01)
    out.sound.stop()
    assert out.spoken.get(timeout=10) is False
    assert sum(out.writes) < 40 * 12000 / 4
    out.sound.say("Again.")
    assert out.spoken.get(timeout=10) is True  # a new answer plays after a stop
    out.sound.close()


def test_missing_output_is_told_once_then_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(devices, "BACK_OFF_SECONDS", (0.2,))
    monkeypatch.setattr(sound_out, "restart_portaudio", lambda: None)
    out = Output(fail=2)
    out.sound.say("Hello.")
    assert out.spoken.get(timeout=10) is True  # the caption was shown; nothing to wait for
    out.sound.say("Still there?")
    assert out.spoken.get(timeout=10) is True
    assert out.opened == 1  # within the back-off: not tried again
    time.sleep(0.25)
    out.sound.say("Try again.")
    out.spoken.get(timeout=10)
    time.sleep(0.25)
    out.sound.say("Working now.")
    out.spoken.get(timeout=10)
    assert len([t for t in out.told if t.startswith("No sound")]) == 1
    assert "speakers or headphones are connected" in out.told[0]
    assert out.told[-1] == "Sound is working again."
    out.sound.close()


def test_prefetch_keeps_order_and_stops_when_told() -> None:
    current = threading.Event()
    current.set()
    sounds = ((np.full(10, i, np.float32), 16000) for i in range(100))
    got = []
    for samples, _ in sound_out._prefetched(sounds, current.is_set):
        got.append(int(samples[0]))
        if len(got) == 5:
            current.clear()
    assert got == [0, 1, 2, 3, 4]


def test_prefetch_ends_when_stopped_while_waiting_for_a_slow_sentence() -> None:
    current = threading.Event()
    current.set()

    def slow() -> Iterator[tuple[np.ndarray, int]]:
        time.sleep(0.3)
        yield np.zeros(10, np.float32), 16000

    threading.Timer(0.1, current.clear).start()
    assert list(sound_out._prefetched(slow(), current.is_set)) == []


def test_the_engines_silence_before_an_answer_is_trimmed() -> None:
    rate = 24000
    samples = np.concatenate([np.zeros(rate // 3, np.float32), np.full(rate, 0.2, np.float32)])
    trimmed = sound_out.trim_lead_in(samples, rate)
    assert len(trimmed) == rate + rate * 40 // 1000
    assert len(sound_out.trim_lead_in(np.zeros(100, np.float32), rate)) == 100
