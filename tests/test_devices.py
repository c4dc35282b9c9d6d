"""The live loop's microphone: it vanishes and comes back; what to check when there is none."""

from __future__ import annotations

import queue
import sys
import types

import numpy as np
import pytest

from assistant import devices
from assistant.devices import Microphone, back_off


def test_back_off_grows_then_stays() -> None:
    assert [back_off(n) for n in (0, 1, 2, 3, 6, 50)] == [1.0, 1.0, 2.0, 4.0, 30.0, 30.0]


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
