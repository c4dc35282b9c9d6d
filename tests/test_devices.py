"""Sound devices for the live loop: speech that stops at once, devices that vanish and come back."""

from __future__ import annotations

import queue
import sys
import threading
import time
import types
from collections.abc import Iterator

import numpy as np
import pytest

from assistant import devices
from assistant.devices import Microphone, SoundOut, back_off
from assistant.errors import AudioError
from assistant.playback import Player
from assistant.settings import Settings
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


def test_back_off_grows_then_stays() -> None:
    assert [back_off(n) for n in (0, 1, 2, 3, 6, 50)] == [1.0, 1.0, 2.0, 4.0, 30.0, 30.0]


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
    monkeypatch.setattr(devices, "restart_portaudio", lambda: None)
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


class FakeInput:
    """sounddevice.InputStream stand-in driven by the test."""

    made: list[FakeInput] = []
    fail = 0

    def __init__(self, *, callback, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if FakeInput.fail:
            FakeInput.fail -= 1
            raise ValueError("No input device matching 'default'")
        self.callback = callback
        self.active = True
        FakeInput.made.append(self)

    def start(self) -> None: ...
    def abort(self) -> None: ...
    def close(self) -> None: ...


def test_microphone_vanishes_and_comes_back(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.SimpleNamespace(InputStream=FakeInput, _terminate=lambda: None, _initialize=lambda: None)
    monkeypatch.setitem(sys.modules, "sounddevice", fake)
    monkeypatch.setattr(devices, "BACK_OFF_SECONDS", (0.05,))
    FakeInput.made, FakeInput.fail = [], 0
    chunks: list[np.ndarray] = []
    changes: queue.Queue[tuple[bool, str]] = queue.Queue()
    mic = Microphone(chunks.append, lambda ok, detail: changes.put((ok, detail)))
    assert mic.open() is None
    FakeInput.made[0].callback(np.ones((1600, 1), np.float32), 1600, None, None)
    assert len(chunks) == 1 and chunks[0].shape == (1600,)
    mic.watch()
    FakeInput.fail = 2
    FakeInput.made[0].active = False  # unplugged
    lost = changes.get(timeout=5)
    assert lost[0] is False and "microphone" in lost[1]
    assert changes.get(timeout=5) == (True, "")
    assert len(FakeInput.made) == 2
    mic.close()


def test_no_microphone_names_what_to_check(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.SimpleNamespace(InputStream=FakeInput)
    monkeypatch.setitem(sys.modules, "sounddevice", fake)
    FakeInput.fail = 1
    detail = Microphone(lambda c: None, lambda ok, d: None).open()
    assert detail is not None and "plugged in" in detail and "switched on" in detail


def test_prefetch_keeps_order_and_stops_when_told() -> None:
    current = threading.Event()
    current.set()
    sounds = ((np.full(10, i, np.float32), 16000) for i in range(100))
    got = []
    for samples, _ in devices._prefetched(sounds, current.is_set):
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
    assert list(devices._prefetched(slow(), current.is_set)) == []
