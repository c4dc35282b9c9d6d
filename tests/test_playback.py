"""Player: plays in blocks and stops from another thread (with a fake output stream)."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from assistant.errors import AudioError
from assistant.playback import Player, open_device_stream
from assistant.tts.base import SpeechAudio


class FakeStream:
    """Records what was written; can run a callback after each block or fail on demand."""

    def __init__(self, rate: int, on_write=None, fail_after: int | None = None) -> None:  # type: ignore[no-untyped-def]
        self.rate = rate
        self.blocks: list[np.ndarray] = []
        self.events: list[str] = []
        self._on_write = on_write
        self._fail_after = fail_after

    def start(self) -> None:
        self.events.append("start")

    def write(self, data: np.ndarray) -> None:
        if self._fail_after is not None and len(self.blocks) >= self._fail_after:
            raise RuntimeError("Stream is stopped")
        self.blocks.append(data.copy())
        if self._on_write:
            self._on_write(len(self.blocks))

    def abort(self) -> None:
        self.events.append("abort")

    def stop(self) -> None:
        self.events.append("stop")

    def close(self) -> None:
        self.events.append("close")


def _tone(seconds: float, rate: int = 16000) -> np.ndarray:
    return (0.3 * np.sin(np.arange(int(seconds * rate)) * 0.1)).astype(np.float32)


def test_plays_everything_in_small_mono_blocks() -> None:
    streams: list[FakeStream] = []
    player = Player(lambda rate: streams.append(FakeStream(rate)) or streams[-1])
    assert player.play(_tone(1.0), 16000) is True
    stream = streams[0]
    assert stream.rate == 16000
    assert all(b.shape[1] == 1 and len(b) <= 800 for b in stream.blocks)
    assert sum(len(b) for b in stream.blocks) == 16000
    assert stream.events == ["start", "stop", "close"]
    assert not player.playing


def test_stop_during_playback_aborts_and_writes_no_more() -> None:
    player = Player(lambda rate: stream)
    stream = FakeStream(16000, on_write=lambda n: player.stop() if n == 3 else None)
    assert player.play(_tone(2.0), 16000) is False
    assert len(stream.blocks) == 3
    assert stream.events == ["start", "abort", "close"]


def test_stop_from_another_thread_ends_a_blocked_play() -> None:
    writing = threading.Event()
    release = threading.Event()

    def on_write(n: int) -> None:
        writing.set()
        release.wait(5)

    stream = FakeStream(16000, on_write=on_write)
    player = Player(lambda rate: stream)
    result: list[bool] = []
    worker = threading.Thread(target=lambda: result.append(player.play(_tone(10.0), 16000)))
    worker.start()
    assert writing.wait(5)
    assert player.playing
    player.stop()
    release.set()
    worker.join(5)
    assert result == [False]
    assert len(stream.blocks) == 1
    assert "abort" in stream.events


def test_play_all_stops_pulling_sentences_once_stopped() -> None:
    pulled: list[int] = []
    player = Player(lambda rate: FakeStream(rate, on_write=lambda n: player.stop()))

    def sentences():  # type: ignore[no-untyped-def]
        for i in range(5):
            pulled.append(i)
            yield _tone(0.2), 16000

    assert player.play_all(sentences()) is False
    assert pulled == [0]


def test_sentences_at_another_rate_are_resampled_into_one_stream() -> None:
    streams: list[FakeStream] = []
    player = Player(lambda rate: streams.append(FakeStream(rate)) or streams[-1])
    assert player.play_all([(_tone(0.5, 24000), 24000), (_tone(0.5, 16000), 16000)]) is True
    assert len(streams) == 1
    assert sum(len(b) for b in streams[0].blocks) == pytest.approx(24000, abs=50)


def test_stop_when_idle_does_not_silence_the_next_sound() -> None:
    player = Player(lambda rate: FakeStream(rate))
    player.stop()
    assert player.play(_tone(0.2), 16000) is True


def test_device_vanishing_mid_play_is_an_audio_error() -> None:
    player = Player(lambda rate: FakeStream(rate, fail_after=2))
    with pytest.raises(AudioError, match="audio output stopped working.*speakers or headphones"):
        player.play(_tone(1.0), 16000)
    assert not player.playing


def test_no_output_device_is_an_audio_error_naming_what_to_check(monkeypatch: pytest.MonkeyPatch) -> None:
    sounddevice = pytest.importorskip("sounddevice")

    def no_device(**kwargs: object) -> None:
        raise sounddevice.PortAudioError("Error querying device -1")

    monkeypatch.setattr(sounddevice, "OutputStream", no_device)
    with pytest.raises(AudioError, match="no usable audio output device.*speakers or headphones"):
        Player(open_device_stream()).play(_tone(0.1), 16000)


def test_play_speech_plays_synthesised_sentences() -> None:
    streams: list[FakeStream] = []
    player = Player(lambda rate: streams.append(FakeStream(rate)) or streams[-1])
    parts = [SpeechAudio(_tone(0.25), 16000, "One."), SpeechAudio(_tone(0.25), 16000, "Two.")]
    assert player.play_speech(iter(parts)) is True
    assert sum(len(b) for b in streams[0].blocks) == 8000
